import { ScoringInputError } from './scoring-error';

/**
 * SAMM's relative metrics, for any model's scores. percentage-to-target = 1 − Σ(target − current)
 * / Σ target, where an item already above its target contributes 0 (surplus in one practice does
 * not hide a gap in another). progress-to-date = (current − baseline) / (target − baseline).
 */
export function percentageToTarget(current: Readonly<Record<string, number>>, target: Readonly<Record<string, number>>): number {
  let gap = 0;
  let total = 0;
  for (const [id, goal] of Object.entries(target)) {
    if (goal < 0) throw new ScoringInputError(id, `target must not be negative; got ${goal}`);
    total += goal;
    gap += Math.max(0, goal - (current[id] ?? 0));
  }
  return total === 0 ? 1 : 1 - gap / total;
}

/** undefined when target equals baseline: there was no distance to travel. */
export function progressToDate(baseline: number, current: number, target: number): number | undefined {
  if (target === baseline) return undefined;
  return (current - baseline) / (target - baseline);
}
