export * from './aima-workbook';
export * from './framework-import';
export * from './workbook-formats';
export * from './answer-file';
