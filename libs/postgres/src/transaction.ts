import { Pool, PoolClient } from 'pg';

/** Anything that can run a query: a pool or a client inside a transaction. */
export interface Queryable {
  query: PoolClient['query'];
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
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off('error', ignore);
    // A client whose ROLLBACK failed is unusable: destroy it rather than return it to the pool.
    client.release(broken);
  }
}
