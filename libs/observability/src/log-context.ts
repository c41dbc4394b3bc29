import { AsyncLocalStorage } from 'node:async_hooks';

export interface LogContext {
  tenantId?: string;
  correlationId?: string;
  /** Work done for several events at once (a consumer's set): each of their correlation ids, once. */
  correlationIds?: string[];
  traceparent?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Every log line written inside `work` carries the context's tenant and correlation ids. */
export function runWithLogContext<T>(context: LogContext, work: (store: LogContext) => T): T {
  const store = { ...storage.getStore(), ...context };
  return storage.run(store, () => work(store));
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}

/** Adds to the current context in place (e.g. once authentication has found the tenant). */
export function enrichLogContext(extra: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, extra);
}
