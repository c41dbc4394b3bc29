export * from './zip-writer';
export * from './lying-zip';
export * from './peak-rss';
export * from './child-probe';
