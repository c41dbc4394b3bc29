import fc from 'fast-check';
import { percentageToTarget, progressToDate } from './relative-metrics';

describe('relative metrics', () => {
  it('percentage-to-target: 1 − Σ gap / Σ target (worked example)', () => {
    // targets 2 + 3 + 2 = 7; gaps 1 + 0.5 + 0 (surplus ignored) = 1.5 → 1 − 1.5/7
    expect(percentageToTarget({ a: 1, b: 2.5, c: 3 }, { a: 2, b: 3, c: 2 })).toBeCloseTo(1 - 1.5 / 7, 12);
  });

  it('progress-to-date: share of the baseline-to-target distance covered', () => {
    expect(progressToDate(1, 1.5, 3)).toBe(0.25);
    expect(progressToDate(1, 0.5, 3)).toBe(-0.25);
    expect(progressToDate(2, 2, 2)).toBeUndefined();
  });

  it('keeps percentage-to-target within 0–1 and at 1 once every target is met', () => {
    const scores = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.double({ min: 0, max: 3, noNaN: true }), { minKeys: 1 });
    fc.assert(
      fc.property(scores, scores, (current, target) => {
        const pct = percentageToTarget(current, target);
        const met = percentageToTarget(Object.fromEntries(Object.entries(target).map(([k, v]) => [k, v + 1])), target);
        return pct >= 0 && pct <= 1 && met === 1;
      }),
    );
  });
});
