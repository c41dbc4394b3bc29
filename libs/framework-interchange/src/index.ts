export * from './aima-workbook';
export * from './workbook-formula';
