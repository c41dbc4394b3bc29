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
