/**
 * Turns a stream of fetched messages into per-partition batches: a partition's messages queue in
 * arrival (offset) order, a partition runs one batch at a time, and at most `concurrency`
 * partitions run at once. A batch takes everything its partition queued meanwhile (up to
 * `maxBatch`), so a busy partition gets large batches and an idle one is served at once. Freed
 * slots go to the partition that waited longest, so one busy partition cannot starve the others.
 */
export class PartitionBatchScheduler<T> {
  /** Insertion order is the order partitions are served in. */
  private readonly queues = new Map<string, T[]>();
  private readonly running = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private queued = 0;
  private pumpScheduled = false;

  constructor(
    private readonly options: {
      concurrency: number;
      maxBatch: number;
      /** Runs one batch; its rejection is the caller's to handle (it is dropped here). */
      run: (partition: string, items: T[]) => Promise<void>;
    },
  ) {}

  /** Items queued and not yet handed to a batch. */
  get buffered(): number {
    return this.queued;
  }

  push(partition: string, item: T): void {
    const queue = this.queues.get(partition);
    if (queue) queue.push(item);
    else this.queues.set(partition, [item]);
    this.queued++;
    // Dispatch on the next turn of the event loop, not per message: a fetch response delivers its
    // messages one by one in the same turn, and they belong in one batch.
    if (!this.pumpScheduled) {
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this.pump();
      });
    }
  }

  /** Drops everything not yet handed to a batch; running batches go on. */
  clear(): void {
    this.queues.clear();
    this.queued = 0;
  }

  /** Resolves once no batch runs (including batches started while waiting). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private pump(): void {
    for (const [partition, queue] of this.queues) {
      if (this.running.size >= this.options.concurrency) return;
      if (this.running.has(partition)) continue;
      const items = queue.splice(0, this.options.maxBatch);
      if (queue.length === 0) this.queues.delete(partition);
      this.queued -= items.length;
      this.running.add(partition);
      const batch: Promise<void> = this.options
        .run(partition, items)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(partition);
          this.inFlight.delete(batch);
          const rest = this.queues.get(partition);
          if (rest) {
            // To the back of the line: partitions that waited meanwhile go first.
            this.queues.delete(partition);
            this.queues.set(partition, rest);
          }
          this.pump();
        });
      this.inFlight.add(batch);
    }
  }
}
