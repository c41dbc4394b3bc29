/**
 * Runs the commands of one stream one after another within this process, and commands of
 * different streams side by side. Two commands of the same stream started together would both
 * decide from the same version and one would lose the append's compare-and-set; under load (a few
 * answers of one assessment arriving within a round trip of each other, 300 answers/s in the bench)
 * the losers retried in a crowd and ran out of attempts as 409s. Queued, the second command starts
 * once the first has committed and its state is in the StreamStateCache, so it decides from fresh
 * state and appends in one round trip. Other processes can still race; the compare-and-set and
 * retryOnConflict stay the guarantee, this only keeps the common case from contending.
 */
export class StreamCommandQueue {
  /** The last command queued per stream; removed when it settles and nothing queued behind it. */
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Streams with a command running or waiting (for metrics and specs). */
  get busyStreams(): number {
    return this.tails.size;
  }

  run<T>(tenantId: string, streamId: string, command: () => Promise<T>): Promise<T> {
    const key = `${tenantId}/${streamId}`;
    const previous = this.tails.get(key);
    // A failed command does not fail the ones queued behind it: each decides on its own.
    const result = previous ? previous.then(command, command) : command();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
