export * from './topics';
export * from './integration-events';
