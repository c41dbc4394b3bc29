export * from './evidence-types';
export * from './evidence-metadata';
