export * from './event-types';
export * from './postgres-event-store';
export * from './concurrency-error';
export * from './event-store-migrations';
export * from '@assay/domain-kernel';
export * from './load-aggregate';
export * from './handle-command';
