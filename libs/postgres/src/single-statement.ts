import { Pool, QueryConfig, QueryResult, QueryResultRow } from 'pg';

/**
 * One statement in autocommit on a pooled connection. Unlike pg's Pool.query, an error the server
 * raised for the statement (it has a SQLSTATE: a refused append, a constraint) returns the
 * connection to the pool: Pool.query destroys it on any error, and under contention every lost
 * compare-and-set then cost a new connection (seen as pool churn and connect timeouts at 250
 * answers/s). A connection-level failure still discards the connection.
 */
export async function runStatement<Row extends QueryResultRow>(pool: Pool, statement: QueryConfig): Promise<QueryResult<Row>> {
  const client = await pool.connect();
  const ignore = () => undefined; // a connection lost while checked out surfaces through the query
  client.on('error', ignore);
  let broken: Error | undefined;
  try {
    return await client.query<Row>(statement);
  } catch (error) {
    if (!isStatementError(error)) broken = error as Error;
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}

/** The server answered with an error for this statement; the session itself is fine. */
function isStatementError(error: unknown): boolean {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && severity === 'ERROR';
}
