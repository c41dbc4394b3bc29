/**
 * Runs `task` now and then every `intervalMs`, never two at once (a slow run delays the next
 * instead of piling up). The timer does not keep the process alive. Errors go to `onError`.
 */
export function every(intervalMs: number, task: () => Promise<void>, onError: (error: unknown) => void = () => undefined): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = task()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs).unref();
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
