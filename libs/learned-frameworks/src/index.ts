export * from './learned-frameworks';
