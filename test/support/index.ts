export * from './decider-specification';
export * from './eventually';
export * from './test-schema';
export * from './test-kafka';
export * from './sample-events';
export * from './service-process';
export * from './api-client';
export * from './answer-load';
