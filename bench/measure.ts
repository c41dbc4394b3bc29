/** Runs `work` and returns items per second; the work reports how many items it handled. */
export async function ratePerSecond(work: () => Promise<number>): Promise<{ items: number; seconds: number; perSecond: number }> {
  const started = process.hrtime.bigint();
  const items = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { items, seconds, perSecond: items / seconds };
}

/** Splits `total` items into `workers` parallel loops of `batch`-sized steps. */
export async function inParallel(total: number, batch: number, workers: number, step: (worker: number, index: number) => Promise<void>): Promise<number> {
  const steps = Math.ceil(total / batch);
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < steps) await step(worker, next++);
    }),
  );
  return steps * batch;
}

export function report(name: string, subject: { perSecond: number }, baseline: { perSecond: number }, target?: number): string {
  const ratio = subject.perSecond / baseline.perSecond;
  const verdict = target === undefined ? '' : ratio >= target ? `  (target ≥ ${target * 100}%: met)` : `  (target ≥ ${target * 100}%: NOT met)`;
  return `${name.padEnd(34)} ${subject.perSecond.toFixed(0).padStart(8)}/s vs baseline ${baseline.perSecond.toFixed(0).padStart(8)}/s = ${(ratio * 100).toFixed(1)}%${verdict}`;
}

/** The item whose `key` is the median (the upper one of an even count). */
export function medianBy<T>(items: T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}

export const median = (xs: number[]): number => medianBy(xs, (x) => x);

/** Ratios as percentages: `min–max<unit>, median m%`. */
export function spread(ratios: number[], unit = '%'): string {
  const percent = (ratio: number) => (ratio * 100).toFixed(1);
  return `${percent(Math.min(...ratios))}–${percent(Math.max(...ratios))}${unit}, median ${percent(median(ratios))}%`;
}

type Rate = { perSecond: number };

/**
 * Runs baseline and subject alternately `rounds` times and keeps each side's median, so a burst of
 * noise on a shared 2-core machine does not decide the ratio.
 */
export async function interleaved(rounds: number, baseline: () => Promise<Rate>, subject: () => Promise<Rate>): Promise<[Rate, Rate]> {
  const base: number[] = [];
  const subj: number[] = [];
  for (let i = 0; i < rounds; i++) {
    base.push((await baseline()).perSecond);
    subj.push((await subject()).perSecond);
  }
  return [{ perSecond: median(base) }, { perSecond: median(subj) }];
}
