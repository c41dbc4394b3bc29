/**
 * Trend of one score over calendar periods (UTC months or quarters): the value at each period's
 * end, its change, the pace of the last periods, and when a target is reached at that pace.
 * Pure: the history's points in, figures out.
 */
export type PeriodKind = 'month' | 'quarter';

export interface ScorePoint {
  at: Date;
  score: number | null;
}

export interface PeriodValue {
  period: string;
  start: Date;
  /** Exclusive: the next period's start (or the trend's `until` for the period still running). */
  end: Date;
  /** The score in force at the period's end; null before the first score. */
  score: number | null;
  /** Against the previous period's score; null when either is null. */
  change: number | null;
}

export type TimeToTarget =
  | { status: 'no-target' }
  | { status: 'reached' }
  | { status: 'on-pace'; periods: number; reachedBy: string }
  | { status: 'not-at-this-pace' };

export interface Trend {
  period: PeriodKind;
  periods: PeriodValue[];
  /** Change per period over the last `window` periods with a score (fewer if fewer); null below two. */
  velocity: number | null;
  target: number | null;
  timeToTarget: TimeToTarget;
}

/** How many periods the pace is measured over: recent enough to be "the current pace". */
export const PACE_WINDOW = 4;
/** Beyond this many periods (a century of quarters) a pace is no plan: "not at this pace". */
export const HORIZON_PERIODS = 400;

const monthsIn = (kind: PeriodKind) => (kind === 'month' ? 1 : 3);

export function periodStart(instant: Date, kind: PeriodKind): Date {
  const month = instant.getUTCMonth();
  return new Date(Date.UTC(instant.getUTCFullYear(), month - (month % monthsIn(kind)), 1));
}

export function nextPeriod(start: Date, kind: PeriodKind, count = 1): Date {
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + monthsIn(kind) * count, 1));
}

export function periodLabel(start: Date, kind: PeriodKind): string {
  const year = start.getUTCFullYear();
  return kind === 'month' ? `${year}-${String(start.getUTCMonth() + 1).padStart(2, '0')}` : `${year}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
}

/** The score in force at `instant` (exclusive): the last point before it. Points in time order. */
export function scoreBefore(points: ScorePoint[], instant: Date): number | null {
  let score: number | null = null;
  for (const point of points) {
    if (point.at.getTime() >= instant.getTime()) break;
    score = point.score;
  }
  return score;
}

const round = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * `points` in time order; periods run from the first point's period to the one holding `until`
 * (its value as of `until`). The pace is the average change per period across the last
 * PACE_WINDOW periods that have a score.
 */
export function trendOf(points: ScorePoint[], options: { period: PeriodKind; until: Date; target: number | null }): Trend {
  const { period, until, target } = options;
  const relevant = points.filter((p) => p.at.getTime() <= until.getTime());
  const periods: PeriodValue[] = [];
  if (relevant.length > 0) {
    const last = periodStart(until, period);
    for (let start = periodStart(relevant[0].at, period); start.getTime() <= last.getTime(); start = nextPeriod(start, period)) {
      const next = nextPeriod(start, period);
      const end = next.getTime() > until.getTime() ? new Date(until.getTime() + 1) : next;
      const score = scoreBefore(relevant, end);
      const previous = periods[periods.length - 1]?.score ?? null;
      periods.push({ period: periodLabel(start, period), start, end, score, change: score !== null && previous !== null ? round(score - previous) : null });
    }
  }
  const scored = periods.filter((p) => p.score !== null).slice(-PACE_WINDOW);
  const velocity = scored.length >= 2 ? (scored[scored.length - 1].score! - scored[0].score!) / (scored.length - 1) : null;
  // Rounded for the reader only: a third per period must give three periods for one point, not four.
  return { period, periods, velocity: velocity === null ? null : round(velocity), target, timeToTarget: timeToTarget(periods, velocity, target, period) };
}

function timeToTarget(periods: PeriodValue[], velocity: number | null, target: number | null, period: PeriodKind): TimeToTarget {
  if (target === null) return { status: 'no-target' };
  const current = periods[periods.length - 1];
  if (current?.score !== null && current !== undefined && current.score >= target) return { status: 'reached' };
  if (current?.score === null || current === undefined || velocity === null || velocity <= 0) return { status: 'not-at-this-pace' };
  const count = Math.ceil(round((target - current.score) / velocity));
  if (count > HORIZON_PERIODS) return { status: 'not-at-this-pace' };
  return { status: 'on-pace', periods: count, reachedBy: periodLabel(nextPeriod(current.start, period, count), period) };
}
