import { Pool, PoolClient } from 'pg';

/** Anything that can run a query: a pool or a client inside a transaction. */
export interface Queryable {
  query: PoolClient['query'];
}

/**
 * What lives only as long as one transaction of withTransaction: work to do once it committed (a
 * cache of committed state may learn what the transaction wrote only then, never from a
 * transaction that rolled back), and state its statements share (e.g. what it wrote so far).
 */
export interface TransactionScope {
  afterCommit(effect: () => void): void;
  readonly local: Map<unknown, unknown>;
}

const scopes = new WeakMap<object, TransactionScope>();

/** The scope of the transaction `client` is in, if withTransaction opened it. */
export function transactionScope(client: Queryable): TransactionScope | undefined {
  return scopes.get(client);
}

/** `begin` may carry statements to run with BEGIN in the same round trip (see withTenantTransaction). */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  // A connection lost while the client is checked out but between statements (the work is awaiting
  // something else) is emitted as 'error' on the client, and an unhandled 'error' event kills the
  // process: seen when PostgreSQL restarted under load. The next statement reports it instead.
  const ignore = () => undefined;
  client.on('error', ignore);
  let broken: Error | undefined;
  const afterCommit: (() => void)[] = [];
  scopes.set(client, { afterCommit: (effect) => afterCommit.push(effect), local: new Map() });
  let result: T;
  try {
    await client.query(begin);
    result = await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    scopes.delete(client);
    client.off('error', ignore);
    // A client whose ROLLBACK failed is unusable: destroy it rather than return it to the pool.
    client.release(broken);
  }
  for (const effect of afterCommit) effect();
  return result;
}

/**
 * Where a consumer opens the transaction its inbox rows and effects share: by default one of a pg
 * pool (withTransaction); a service whose read models are written through an ORM hands the ORM's
 * own transaction, so both kinds of writes are on one connection and commit together.
 */
export type TransactionRunner = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>;

export const poolTransactions =
  (pool: Pool): TransactionRunner =>
  (work) =>
    withTransaction(pool, work);
