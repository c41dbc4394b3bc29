export * from './aima-workbook';
export * from './workbook-formula';
export * from './framework-import';
export * from './zip-limits';
