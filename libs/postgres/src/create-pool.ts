import { Pool, PoolConfig } from 'pg';

export interface PoolOptions {
  connectionString: string;
  applicationName: string;
  max?: number;
}

/**
 * Every pool the platform opens goes through here so connection limits and timeouts stay uniform.
 * The idle-in-transaction timeout is also set per role at provisioning; setting it on the session
 * too protects pools that connect as a role provisioned elsewhere.
 */
export function createPool(options: PoolOptions): Pool {
  const config: PoolConfig = {
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    idle_in_transaction_session_timeout: 60_000,
    // Detects a silently dropped session (e.g. the relay's lock-holding one) instead of trusting it.
    keepAlive: true,
  };
  const pool = new Pool(config);
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}
