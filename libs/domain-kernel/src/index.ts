export * from './decider';
export * from './canonical-json';
