import { Pool, PoolClient } from 'pg';
import { withTransaction } from '@assay/postgres';
import { isUuid } from './principal';

/**
 * Runs work in a transaction scoped to one tenant. set_config(..., true) is transaction-local, so
 * the setting cannot leak to the next user of a pooled connection; row-level security policies
 * read it, and without it they match no row.
 */
export async function withTenantTransaction<T>(
  pool: Pool,
  tenantId: string,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  if (!isUuid(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
  // One round trip for both; the id is a validated UUID, so inlining it cannot inject SQL.
  return withTransaction(pool, work, `BEGIN; SELECT set_config('app.tenant_id', '${tenantId}', true)`);
}
