export * from './create-pool';
export * from './transaction';
export * from './migrate';
export * from './provision-service-schema';
export * from './repo-path';
export * from './pg-errors';
export * from './single-statement';
