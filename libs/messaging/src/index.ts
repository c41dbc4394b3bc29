export * from './contract-registry';
export * from './kafka-connection';
export * from './message-publisher';
export * from './event-relay';
export * from './integration-consumer';
export * from './ensure-topics';
export * from './envelope-from-stored';
export * from './transient-failure';
