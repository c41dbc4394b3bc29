import { ConcurrencyError } from '@assay/event-store';

// SQLSTATE classes and codes that say "try again later", not "this message is bad":
// 08 connection exception, 53 insufficient resources, 57P01–57P03 shutdown/cannot connect now,
// 40001 serialization failure, 40P01 deadlock.
const TRANSIENT_SQLSTATE = /^(08...|53...|57P0[1-3]|40001|40P01)$/;
const TRANSIENT_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether a handler failure comes from the infrastructure rather than the message. Such failures
 * must never dead-letter a valid message: the consumer rethrows them, the offset stays
 * uncommitted, and the message is delivered again once the dependency is back.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof ConcurrencyError) return true;
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && (TRANSIENT_SQLSTATE.test(e.code) || TRANSIENT_NETWORK.has(e.code))) return true;
  // node-postgres pool and connection timeouts carry no code.
  return typeof e?.message === 'string' && /timeout exceeded when trying to connect|Connection terminated/i.test(e.message);
}
