export * from './aima-workbook';
export * from './framework-import';
