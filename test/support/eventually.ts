/**
 * Polls a probe until it stops throwing (jest expectations inside it count), then returns its
 * value. Tests wait for eventual consistency this way, never with a fixed sleep.
 */
export async function eventually<T>(probe: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
