export * from './logger';
export * from './log-context';
export * from './platform-metrics';
export * from './periodic-task';
