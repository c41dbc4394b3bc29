export * from './master-key';
export * from './field-cipher';
export * from './tenant-key-store';
export * from './personal-data-codec';
export * from './personal-data-migrations';
