export * from './archive-limits';
export * from './archive-verdict';
export * from './inspect-archive';
