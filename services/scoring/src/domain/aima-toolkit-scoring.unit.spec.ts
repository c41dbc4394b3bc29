import { AnswerOutOfScaleError, aimaPracticeMaturity } from './aima-toolkit-scoring';

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
    expect(() => aimaPracticeMaturity([1, value])).toThrow(AnswerOutOfScaleError);
  });

  it('rejects more than six answers for one practice', () => {
    expect(() => aimaPracticeMaturity([1, 1, 1, 1, 1, 1, 1])).toThrow(RangeError);
  });
});
