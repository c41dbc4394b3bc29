import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { AIMA_PRACTICES, aimaQuestionIdsOf } from '@assay/frameworks';
import { repoPath } from '@assay/postgres';
import { aimaPracticeMaturity } from '@assay/scoring-models';
import { QUESTIONS_SHEET, RESULTS_SHEET, WorkbookImportError, readAimaWorkbook, writeAimaWorkbook } from './aima-workbook';
import { evaluateSumFormula } from './workbook-formula';
import { checkZipLimits } from './zip-limits';

// The official OWASP AIMA toolkit v1.0.1 (CC BY-SA 4.0), kept unchanged in ../shared as test data.
const FIXTURE = repoPath('../shared/fixtures/owasp-aima/OWASP-AIMA-Toolkit_V1.0.1.xlsx');
const STREAM_ROW = /^(.+?)\s*-\s*Stream\s+([AB])\s*$/;

type Fill = number | 'To evaluate';

/** Fills the official workbook's answer cells the way a person would, in sheet order. */
async function filledFixture(fills: Fill[]): Promise<{ buffer: Buffer; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(FIXTURE);
  const sheet = workbook.getWorksheet(QUESTIONS_SHEET)!;
  let i = 0;
  sheet.eachRow((row) => {
    if (STREAM_ROW.test(String(row.getCell(2).value ?? '')) && [1, 2, 3].includes(Number(row.getCell(3).value))) row.getCell(5).value = fills[i++ % fills.length];
  });
  expect(i).toBe(144);
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), workbook };
}

/** The workbook's own numbers: each Results row's referenced F cell, evaluated as Excel would. */
function workbookMaturities(workbook: ExcelJS.Workbook): Map<string, number> {
  const results = workbook.getWorksheet(RESULTS_SHEET)!;
  const questions = workbook.getWorksheet(QUESTIONS_SHEET)!;
  const byName = new Map(AIMA_PRACTICES.map((p) => [p.name.toLowerCase(), p.id]));
  const maturities = new Map<string, number>();
  results.eachRow((row) => {
    const ref = row.getCell(4).value as ExcelJS.CellFormulaValue | null;
    const name = String(row.getCell(3).value ?? '').trim().toLowerCase();
    if (!ref || typeof ref !== 'object' || !('formula' in ref) || !byName.has(name)) return;
    const cell = /!\$?([A-Z]+)\$?(\d+)$/.exec(ref.formula)!;
    const target = questions.getCell(`${cell[1]}${cell[2]}`).value as ExcelJS.CellFormulaValue;
    maturities.set(byName.get(name)!, evaluateSumFormula(questions, target.formula));
  });
  return maturities;
}

const practiceMaturity = (answers: Record<string, number | null>, practiceId: string) =>
  aimaPracticeMaturity(aimaQuestionIdsOf(practiceId).map((q) => answers[q]), practiceId);

describe('OWASP AIMA toolkit workbook import and export', () => {
  it('imports a filled official workbook and reproduces its own maturity for every practice', async () => {
    const fills: Fill[] = Array.from({ length: 144 }, (_, i) => (i % 7 === 3 ? 'To evaluate' : (i * 5 + 2) % 4));
    const { buffer, workbook } = await filledFixture(fills);
    const { answers, cells } = await readAimaWorkbook(buffer);
    expect(Object.keys(answers)).toHaveLength(144);
    // Each cell lands on its own question (stream and level), not only in the right practice sum.
    expect([cells['RA-ESI-A1'], cells['RA-ESI-B1'], cells['RA-ESI-A2'], cells['GOV-SM-A1'], cells['OPS-OM-B3']]).toEqual(['E7', 'E8', 'E9', 'E29', 'E180']);
    expect([answers['RA-ESI-A1'], answers['RA-ESI-B1'], answers['RA-ESI-A2']]).toEqual([fills[0], fills[1], fills[2]]);
    const expected = workbookMaturities(workbook);
    expect(expected.size).toBe(24);
    for (const [practiceId, maturity] of expected) expect({ practiceId, maturity: practiceMaturity(answers, practiceId) }).toEqual({ practiceId, maturity });
  });

  it('matches the workbook formula and round-trips export → import for any answers', async () => {
    const fill = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant<'To evaluate'>('To evaluate'));
    await fc.assert(
      fc.asyncProperty(fc.array(fill, { minLength: 144, maxLength: 144 }), async (fills) => {
        const { buffer, workbook } = await filledFixture(fills);
        const imported = await readAimaWorkbook(buffer);
        for (const [practiceId, maturity] of workbookMaturities(workbook)) expect(practiceMaturity(imported.answers, practiceId)).toBe(maturity);

        const exported = await writeAimaWorkbook(imported.answers);
        const again = await readAimaWorkbook(exported);
        expect(again.answers).toEqual(imported.answers);
        const exportedBook = new ExcelJS.Workbook();
        await exportedBook.xlsx.load(exported as unknown as ArrayBuffer);
        for (const [practiceId, maturity] of workbookMaturities(exportedBook)) expect(maturity).toBe(practiceMaturity(imported.answers, practiceId));
      }),
      { numRuns: 4 },
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

  it('refuses an archive that would unpack far beyond a workbook, before unpacking it', async () => {
    const { buffer } = await filledFixture([1]);
    await expect(checkZipLimits(buffer)).resolves.toBeUndefined();
    await expect(checkZipLimits(buffer, { maxEntries: 500, maxUncompressedBytes: 10_000 })).resolves.toMatch(/unpacks to more than/);
    await expect(checkZipLimits(buffer, { maxEntries: 3, maxUncompressedBytes: 1e9 })).resolves.toMatch(/at most 3/);
  });

  it('refuses a file that is not a workbook, or one without the questions sheet', async () => {
    await expect(readAimaWorkbook(Buffer.from('PK not really a zip'))).rejects.toThrow('not a readable .xlsx file');
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Something else');
    await expect(readAimaWorkbook(Buffer.from(await empty.xlsx.writeBuffer()))).rejects.toThrow('no sheet named');
  });
});
