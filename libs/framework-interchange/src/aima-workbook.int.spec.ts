import fc from 'fast-check';
import { AIMA_PRACTICES, aimaQuestionIdsOf } from '@assay/frameworks';
import { aimaPracticeMaturity } from '@assay/scoring-models';
import { AimaFill, fillOfficialAimaWorkbook, libreOfficeAimaMaturities, roundMaturities } from '@assay/testing';
import { ImportedWorkbook, readAimaWorkbook, writeAimaWorkbook } from './aima-workbook';

// The oracle is LibreOffice Calc (installed by deploy/ensure-libreoffice.sh), recalculating each
// workbook's own Results sheet: the official toolkit's formulas for an imported file, the formulas
// writeAimaWorkbook wrote for an exported one. Every cached result is overwritten before Calc
// opens a file, so no figure of ours can leak into the expected values.

/** Sets of 144 fills, in sheet order: fixed edge cases, then random ones (seed in every diff). */
const SEED = Date.now();
const FILL_SETS: { name: string; fills: AimaFill[] }[] = [
  { name: 'mixed pattern', fills: Array.from({ length: 144 }, (_, i) => (i % 7 === 3 ? 'To evaluate' : (i * 5 + 2) % 4)) },
  { name: 'all 3', fills: [3] },
  { name: 'all To evaluate', fills: ['To evaluate'] },
  // Practice p (sheet order) sums to p mod 19, so most practices differ from their neighbours.
  { name: 'staircase', fills: Array.from({ length: 144 }, (_, i) => Math.min(3, Math.max(0, (Math.floor(i / 6) % 19) - 3 * (i % 6)))) },
  ...fc
    .sample(fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant<AimaFill>('To evaluate')), { minLength: 144, maxLength: 144 }), { numRuns: 4, seed: SEED })
    .map((fills, i) => ({ name: `random ${i} (seed ${SEED})`, fills })),
];

/** The scoring model's maturity of each of the 24 practices for a set of answers. */
const modelMaturities = (answers: ImportedWorkbook['answers']): Record<string, number> =>
  Object.fromEntries(AIMA_PRACTICES.map((p) => [p.id, aimaPracticeMaturity(aimaQuestionIdsOf(p.id).map((q) => answers[q]), p.id)]));

describe('OWASP AIMA toolkit workbook against LibreOffice Calc', () => {
  let imported: ImportedWorkbook[];
  let calcOfFilled: Record<string, number>[];
  let calcOfExported: Record<string, number>[];

  beforeAll(async () => {
    const filled = await Promise.all(FILL_SETS.map((s) => fillOfficialAimaWorkbook(s.fills)));
    imported = await Promise.all(filled.map((file) => readAimaWorkbook(file)));
    const exported = await Promise.all(imported.map((i) => writeAimaWorkbook(i.answers)));
    const calc = await libreOfficeAimaMaturities([...filled, ...exported]); // one soffice run for all 16 (about 4 s)
    calcOfFilled = calc.slice(0, FILL_SETS.length);
    calcOfExported = calc.slice(FILL_SETS.length);
  });

  it("importing a filled official workbook gives, for all 24 practices, the maturities Calc computes from the workbook's own Results sheet", () => {
    FILL_SETS.forEach(({ name }, i) => {
      expect({ name, maturities: roundMaturities(modelMaturities(imported[i].answers)) }).toEqual({ name, maturities: roundMaturities(calcOfFilled[i]) });
    });
    // Not a vacuous match: the cases span the scale, and practices within one workbook differ.
    const figures = calcOfFilled.flatMap((m) => Object.values(m));
    expect(Math.min(...figures)).toBe(0);
    expect(Math.max(...figures)).toBe(3);
    const staircase = calcOfFilled[FILL_SETS.findIndex((s) => s.name === 'staircase')];
    expect(new Set(Object.values(roundMaturities(staircase))).size).toBeGreaterThan(10);
  });

  it("an exported workbook, recalculated by Calc, shows in its Results sheet the scoring model's maturity for all 24 practices", () => {
    FILL_SETS.forEach(({ name }, i) => {
      expect({ name, maturities: roundMaturities(calcOfExported[i]) }).toEqual({ name, maturities: roundMaturities(modelMaturities(imported[i].answers)) });
    });
  });
});
