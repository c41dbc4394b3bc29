import { aimaPracticeMaturity } from './aima-toolkit';
import { ScoringInputError } from './scoring-error';

describe('AIMA toolkit practice maturity = sum of six answers / 6', () => {
  it.each([
    [[3, 3, 3, 3, 3, 3], 3],
    [[0, 0, 0, 0, 0, 0], 0],
    [[1, 2, 3, 0, 1, 2], 9 / 6],
    [[2, 2, 1, 1, 0, 3], 9 / 6],
    [[3], 0.5],
    [[], 0],
  ])('%j → %d', (answers, expected) => {
    expect(aimaPracticeMaturity(answers)).toBeCloseTo(expected, 12);
  });

  it('counts "to evaluate" (null) as 0, as the workbook formula does', () => {
    expect(aimaPracticeMaturity([3, null, 3, null, 3, null])).toBe(1.5);
  });

  it.each([4, -1, 2.5, Number.NaN])('rejects the out-of-scale answer %p', (value) => {
    expect(() => aimaPracticeMaturity([1, value])).toThrow(ScoringInputError);
  });

  it('rejects more than six answers for one practice', () => {
    expect(() => aimaPracticeMaturity([1, 1, 1, 1, 1, 1, 1])).toThrow(RangeError);
  });
});

import fc from 'fast-check';

describe('AIMA toolkit properties', () => {
  const answer = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null });
  const answers = fc.array(answer, { minLength: 0, maxLength: 6 });

  it('stays within 0–3', () => {
    fc.assert(fc.property(answers, (a) => {
      const m = aimaPracticeMaturity(a);
      return m >= 0 && m <= 3;
    }));
  });

  it('never falls when one answer rises', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }), fc.nat(), (a, pick) => {
        const i = pick % a.length;
        const raised = [...a];
        raised[i] = Math.min(3, raised[i] + 1);
        return aimaPracticeMaturity(raised) >= aimaPracticeMaturity(a);
      }),
    );
  });
});
