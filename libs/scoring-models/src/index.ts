export * from './scoring-error';
export * from './aima-toolkit';
export * from './samm-2';
export * from './cmm-staged';
export * from './cmmi-characterisation';
export * from './control-coverage';
export * from './relative-metrics';
