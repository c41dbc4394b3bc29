import type { Worksheet } from 'exceljs';

const SUM_OVER_N = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)\/(\d+)$/;

/**
 * Evaluates the one formula form the AIMA toolkit uses for maturity, SUM(Ex:Ey)/n, the way a
 * spreadsheet does: numbers add up, text ("To evaluate") and blanks count 0. Any other formula is
 * refused rather than guessed at.
 */
export function evaluateSumFormula(sheet: Worksheet, formula: string): number {
  const match = SUM_OVER_N.exec(formula.replace(/\s+/g, '').replace(/\$/g, ''));
  if (!match) throw new Error(`unsupported formula ${formula}`);
  const [, fromCol, fromRow, toCol, toRow, divisor] = match;
  if (fromCol !== toCol) throw new Error(`unsupported multi-column range in ${formula}`);
  let sum = 0;
  for (let row = Number(fromRow); row <= Number(toRow); row++) {
    const value = sheet.getCell(`${fromCol}${row}`).value;
    if (typeof value === 'number') sum += value;
  }
  return sum / Number(divisor);
}
