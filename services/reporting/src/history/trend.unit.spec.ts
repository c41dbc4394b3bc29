import { periodLabel, periodStart, scoreBefore, trendOf } from './trend';

const at = (iso: string) => new Date(iso);

describe('trend of a score per period', () => {
  it('names UTC months and quarters and finds their starts', () => {
    expect(periodLabel(periodStart(at('2026-05-31T23:59:59Z'), 'quarter'), 'quarter')).toBe('2026-Q2');
    expect(periodLabel(periodStart(at('2026-12-01T00:00:00Z'), 'month'), 'month')).toBe('2026-12');
    expect(periodStart(at('2026-03-31T23:59:59.999Z'), 'quarter').toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads the score in force strictly before an instant', () => {
    const points = [{ at: at('2026-01-10T00:00:00Z'), score: 1 }, { at: at('2026-02-01T00:00:00Z'), score: 2 }];
    expect(scoreBefore(points, at('2026-01-10T00:00:00Z'))).toBeNull();
    expect(scoreBefore(points, at('2026-02-01T00:00:00.001Z'))).toBe(2);
  });

  it('says reached once the score meets the target, and no-target without one', () => {
    const points = [{ at: at('2026-01-10T00:00:00Z'), score: 2 }, { at: at('2026-02-10T00:00:00Z'), score: 3 }];
    expect(trendOf(points, { period: 'month', until: at('2026-02-20T00:00:00Z'), target: 3 }).timeToTarget).toEqual({ status: 'reached' });
    expect(trendOf(points, { period: 'month', until: at('2026-02-20T00:00:00Z'), target: null }).timeToTarget).toEqual({ status: 'no-target' });
  });

  it('counts months to the target at the current pace, and refuses a falling pace', () => {
    // Jan 1, Feb 1.5, Mar 2 → 0.5 a month; 3.2 − 2 = 1.2 → 3 months (2.4 would be short) → 2026-06.
    const rising = [{ at: at('2026-01-05T00:00:00Z'), score: 1 }, { at: at('2026-02-05T00:00:00Z'), score: 1.5 }, { at: at('2026-03-05T00:00:00Z'), score: 2 }];
    const trend = trendOf(rising, { period: 'month', until: at('2026-03-20T00:00:00Z'), target: 3.2 });
    expect(trend.velocity).toBe(0.5);
    expect(trend.timeToTarget).toEqual({ status: 'on-pace', periods: 3, reachedBy: '2026-06' });
    const falling = [{ at: at('2026-01-05T00:00:00Z'), score: 2 }, { at: at('2026-02-05T00:00:00Z'), score: 1.5 }];
    expect(trendOf(falling, { period: 'month', until: at('2026-02-20T00:00:00Z'), target: 3 }).timeToTarget).toEqual({ status: 'not-at-this-pace' });
  });

  it('calls a pace that would take more than the horizon "not at this pace"', () => {
    const creeping = [{ at: at('2026-01-05T00:00:00Z'), score: 1 }, { at: at('2026-02-05T00:00:00Z'), score: 1.001 }];
    expect(trendOf(creeping, { period: 'month', until: at('2026-02-20T00:00:00Z'), target: 4 }).timeToTarget).toEqual({ status: 'not-at-this-pace' });
  });

  it('has no periods before the first score and no pace from one period', () => {
    expect(trendOf([], { period: 'quarter', until: at('2026-02-20T00:00:00Z'), target: 3 }).periods).toEqual([]);
    const one = trendOf([{ at: at('2026-01-05T00:00:00Z'), score: 2 }], { period: 'quarter', until: at('2026-02-20T00:00:00Z'), target: 3 });
    expect([one.periods.length, one.velocity, one.timeToTarget.status]).toEqual([1, null, 'not-at-this-pace']);
  });
});
