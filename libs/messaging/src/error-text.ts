/** An error's message, bounded: it is stored in a table row or a Kafka header. */
export function errorText(error: unknown, max = 2_000): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, max);
}

/** Exponential backoff from `baseMs`, doubling per attempt (1-based) up to `maxMs`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 16));
}
