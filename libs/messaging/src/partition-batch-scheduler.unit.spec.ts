import { PartitionBatchScheduler } from './partition-batch-scheduler';

/** A batch that stays running until the spec releases it. */
interface HeldBatch {
  partition: string;
  items: number[];
  release(): void;
}

function schedulerWithHeldBatches(concurrency: number, maxBatch = 100) {
  const started: HeldBatch[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const scheduler = new PartitionBatchScheduler<number>({
    concurrency,
    maxBatch,
    run: (partition, items) =>
      new Promise<void>((resolve) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        started.push({ partition, items, release: () => (running--, resolve()) });
      }),
  });
  return { scheduler, started, mostAtOnce: () => mostAtOnce };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Lets a released batch's finally() run and the scheduler dispatch what it unblocked. */
const settle = async () => {
  for (let i = 0; i < 3; i++) await nextTurn();
};

describe('PartitionBatchScheduler', () => {
  it('gathers what one partition received in the same turn into one batch, in arrival order', async () => {
    const { scheduler, started } = schedulerWithHeldBatches(4);
    for (const n of [1, 2, 3]) scheduler.push('a', n);
    await settle();
    expect(started.map((b) => [b.partition, b.items])).toEqual([['a', [1, 2, 3]]]);
    expect(scheduler.buffered).toBe(0);
  });

  it('runs one batch at a time per partition; what arrives meanwhile is the next batch, in order', async () => {
    const { scheduler, started } = schedulerWithHeldBatches(4);
    scheduler.push('a', 1);
    await settle();
    scheduler.push('a', 2);
    scheduler.push('a', 3);
    await settle();
    expect(started).toHaveLength(1); // partition a is busy: 2 and 3 wait
    expect(scheduler.buffered).toBe(2);
    started[0].release();
    await settle();
    expect(started.map((b) => b.items)).toEqual([[1], [2, 3]]);
  });

  it('never runs more partitions at once than its concurrency', async () => {
    const { scheduler, started, mostAtOnce } = schedulerWithHeldBatches(2);
    for (const partition of ['a', 'b', 'c', 'd']) scheduler.push(partition, 1);
    await settle();
    expect(started.map((b) => b.partition)).toEqual(['a', 'b']);
    for (let i = 0; i < 4; i++) {
      started[i].release();
      await settle();
    }
    expect(started.map((b) => b.partition)).toEqual(['a', 'b', 'c', 'd']);
    expect(mostAtOnce()).toBe(2);
  });

  it('gives a freed slot to the partition that waited longest, not to the one that just finished', async () => {
    const { scheduler, started } = schedulerWithHeldBatches(2);
    scheduler.push('a', 1);
    scheduler.push('b', 1);
    await settle();
    scheduler.push('a', 2); // queued while a runs, before c arrives
    scheduler.push('c', 1);
    started[0].release(); // a finishes: c has waited longer than a's next batch
    await settle();
    started[1].release();
    await settle();
    expect(started.map((b) => `${b.partition}${b.items.join('')}`)).toEqual(['a1', 'b1', 'c1', 'a2']);
  });

  it('cuts a long queue into batches of at most maxBatch', async () => {
    const { scheduler, started } = schedulerWithHeldBatches(1, 2);
    for (const n of [1, 2, 3, 4, 5]) scheduler.push('a', n);
    await settle();
    for (let i = 0; i < 3; i++) {
      started[i].release();
      await settle();
    }
    expect(started.map((b) => b.items)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('drops queued items on clear while a running batch goes on, and idle() waits for it', async () => {
    const { scheduler, started } = schedulerWithHeldBatches(1);
    scheduler.push('a', 1);
    await settle();
    scheduler.push('a', 2);
    scheduler.clear();
    expect(scheduler.buffered).toBe(0);
    let idle = false;
    const idled = scheduler.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    started[0].release();
    await idled;
    expect(started.map((b) => b.items)).toEqual([[1]]);
  });

  it('keeps serving a partition after one of its batches rejected', async () => {
    const runs: number[][] = [];
    const scheduler = new PartitionBatchScheduler<number>({
      concurrency: 1,
      maxBatch: 10,
      run: async (_, items) => {
        runs.push(items);
        if (items.includes(1)) throw new Error('batch failed');
      },
    });
    scheduler.push('a', 1);
    await settle();
    scheduler.push('a', 2);
    await settle();
    await scheduler.idle();
    expect(runs).toEqual([[1], [2]]);
  });
});
