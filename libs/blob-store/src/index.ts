export * from './blob-store';
export * from './blob-encryption';
export * from './filesystem-blob-store';
export * from './s3-blob-store';
export * from './blob-store-from-env';
