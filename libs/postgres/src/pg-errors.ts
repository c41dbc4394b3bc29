/** PostgreSQL SQLSTATE codes the platform reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';

export function isPgError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

// SQLSTATEs that say "the database cannot serve right now", not "this request is wrong":
// 08 connection exception, 53 insufficient resources, 57P01-57P03 shutdown / cannot connect now,
// 25006 read-only transaction (after a failover), 57014 statement timeout (query_canceled),
// 55P03 lock timeout, 40001 serialization failure, 40P01 deadlock.
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57P0[1-3]|25006|57014|55P03|40001|40P01)$/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
// node-postgres errors without a code: pool and connection timeouts, lost or unusable connections.
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/** Whether an error means the database is unreachable or busy; retrying later can succeed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; syscall?: unknown };
  if (typeof e?.code === 'string' && (UNAVAILABLE_SQLSTATE.test(e.code) || NETWORK_CODES.has(e.code))) return true;
  // Over a Unix socket, a stopped server has removed its socket file: connect() finds no such file.
  if (e?.code === 'ENOENT' && e.syscall === 'connect') return true;
  return typeof e?.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message);
}
