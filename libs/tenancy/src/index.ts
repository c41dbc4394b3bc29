export * from './principal';
export * from './jwt';
export * from './tenant-transaction';
export * from './jwt-secret';
export * from './permissions';
