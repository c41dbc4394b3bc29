import { Pool, PoolClient } from 'pg';

/** Anything that can run a query: a pool or a client inside a transaction. */
export interface Queryable {
  query: PoolClient['query'];
}

/** `begin` may carry statements to run with BEGIN in the same round trip (see withTenantTransaction). */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
