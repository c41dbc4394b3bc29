/** The stream moved on since the writer read it. Surfaces as 409 to a client; never a lost write. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number | 'no_stream' | 'any',
    readonly actual: number | undefined,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, found ${actual ?? 'no stream'}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * The expected version matched, but a transaction that started later appended to the stream first.
 * Appending now would put this transaction's events before theirs in the relays' read order, so
 * the append is refused; the whole unit of work runs again in a new (newer) transaction, where it
 * either succeeds or meets a real ConcurrencyError. Always safe to retry, even with If-Match.
 */
export class StreamOrderConflict extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId}: a newer transaction appended first; retry in a new transaction`);
    this.name = 'StreamOrderConflict';
  }
}
