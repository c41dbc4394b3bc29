import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { LYING_DECLARED_BYTES, lyingArchive, probeInChild } from '@assay/archive-guard/testing';
import { AIMA_QUESTION_IDS } from '@assay/frameworks';
import { repoPath } from '@assay/postgres';
import { QUESTIONS_SHEET, WorkbookImportError, readAimaWorkbook, writeAimaWorkbook } from './aima-workbook';

// Pure parsing checks, no spreadsheet engine. The maturities themselves are checked against
// LibreOffice Calc recalculating the workbook's own formulas in aima-workbook.int.spec.ts.

// The official OWASP AIMA toolkit v1.0.1 (CC BY-SA 4.0), kept unchanged in ../shared as test data.
const FIXTURE = repoPath('../shared/fixtures/owasp-aima/OWASP-AIMA-Toolkit_V1.0.1.xlsx');
const STREAM_ROW = /^(.+?)\s*-\s*Stream\s+([AB])\s*$/;

type Fill = number | 'To evaluate';
const fill = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant<Fill>('To evaluate'));
const asAnswer = (f: Fill) => (f === 'To evaluate' ? null : f);

/** Fills the official workbook's answer cells the way a person would, in sheet order; also returns the rows filled. */
async function filledFixture(fills: Fill[]): Promise<{ buffer: Buffer; workbook: ExcelJS.Workbook; rows: number[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(FIXTURE);
  const sheet = workbook.getWorksheet(QUESTIONS_SHEET)!;
  const rows: number[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (STREAM_ROW.test(String(row.getCell(2).value ?? '')) && [1, 2, 3].includes(Number(row.getCell(3).value))) {
      row.getCell(5).value = fills[rows.length % fills.length];
      rows.push(rowNumber);
    }
  });
  expect(rows).toHaveLength(144);
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), workbook, rows };
}

/** The imported answers in the sheet order of the cells they were read from. */
const answersInSheetOrder = (imported: { answers: Record<string, number | null>; cells: Record<string, string> }) =>
  Object.keys(imported.cells)
    .sort((a, b) => Number(imported.cells[a].slice(1)) - Number(imported.cells[b].slice(1)))
    .map((q) => imported.answers[q]);

describe('OWASP AIMA toolkit workbook import and export', () => {
  it('reads every one of the 144 answer cells of a filled official workbook onto its own question', async () => {
    const fills: Fill[] = Array.from({ length: 144 }, (_, i) => (i % 7 === 3 ? 'To evaluate' : (i * 5 + 2) % 4));
    const { buffer, rows } = await filledFixture(fills);
    const imported = await readAimaWorkbook(buffer);
    expect(Object.keys(imported.answers).sort()).toEqual([...AIMA_QUESTION_IDS].sort());
    // Exactly the 144 filled cells were read, each once, and each holds the value written there.
    expect(Object.values(imported.cells).sort()).toEqual(rows.map((r) => `E${r}`).sort());
    expect(answersInSheetOrder(imported)).toEqual(fills.map(asAnswer));
    // Each cell lands on its own question (practice, stream and level), not only in the right practice.
    expect([imported.cells['RA-ESI-A1'], imported.cells['RA-ESI-B1'], imported.cells['RA-ESI-A2'], imported.cells['GOV-SM-A1'], imported.cells['OPS-OM-B3']]).toEqual(['E7', 'E8', 'E9', 'E29', 'E180']);
  });

  it('reads any filled answers back exactly, and round-trips them export → import', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fill, { minLength: 144, maxLength: 144 }), async (fills) => {
        const { buffer } = await filledFixture(fills);
        const imported = await readAimaWorkbook(buffer);
        expect(answersInSheetOrder(imported)).toEqual(fills.map(asAnswer));
        const again = await readAimaWorkbook(await writeAimaWorkbook(imported.answers));
        expect(again.answers).toEqual(imported.answers);
      }),
      { numRuns: 4, endOnFailure: true }, // shrinking 144-cell workbooks takes longer than it tells
    );
  });

  it('names every bad cell and imports nothing', async () => {
    const { workbook } = await filledFixture([2]);
    const sheet = workbook.getWorksheet(QUESTIONS_SHEET)!;
    sheet.getCell('E7').value = 7;
    sheet.getCell('E8').value = 'maybe';
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(readAimaWorkbook(buffer)).rejects.toThrow(WorkbookImportError);
    await expect(readAimaWorkbook(buffer)).rejects.toMatchObject({
      problems: [expect.objectContaining({ cell: 'E7' }), expect.objectContaining({ cell: 'E8' })],
    });
  });

  it('refuses the lying archive (declares 1,000 bytes, inflates to 200 MB) before exceljs unpacks it', async () => {
    const refusal = { cell: '-', message: expect.stringContaining(`the archive is refused (declared-size-mismatch): entry "xl/worksheets/sheet1.xml" declares ${LYING_DECLARED_BYTES} bytes`) };
    await expect(readAimaWorkbook(lyingArchive())).rejects.toThrow(WorkbookImportError);
    await expect(readAimaWorkbook(lyingArchive())).rejects.toMatchObject({ problems: [refusal] });
  });

  it('costs less than 50 MB of peak memory to refuse the lying archive (child process VmHWM)', async () => {
    // exceljs alone grew the process by ~290 MB on this file; the guard must stop it first.
    const dir = mkdtempSync(join(tmpdir(), 'aima-workbook-'));
    try {
      writeFileSync(join(dir, 'lying.xlsx'), lyingArchive());
      const run = await probeInChild('libs/framework-interchange/src/aima-workbook.ts', 'readAimaWorkbook', join(dir, 'lying.xlsx'));
      expect(run.error).toMatchObject({ name: 'WorkbookImportError', message: expect.stringContaining('declared-size-mismatch') });
      expect(run.peakAfterKb - run.peakBeforeKb).toBeLessThan(50 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses a file that is not a workbook, or one without the questions sheet', async () => {
    await expect(readAimaWorkbook(Buffer.from('PK not really a zip'))).rejects.toThrow('not a readable .xlsx file');
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Something else');
    await expect(readAimaWorkbook(Buffer.from(await empty.xlsx.writeBuffer()))).rejects.toThrow('no sheet named');
  });
});
