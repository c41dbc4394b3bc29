import { Pool } from 'pg';
import { withTenantTransaction } from '@assay/tenancy';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../evidence.config';
import { EVIDENCE_SCHEMA } from './evidence-schema';

/** The tenant's upload cap: its own setting, else the service default. */
export async function uploadLimitOf(pool: Pool, tenantId: string): Promise<number> {
  const { rows } = await withTenantTransaction(pool, tenantId, (client) => client.query<{ max_bytes: string }>(`SELECT max_bytes FROM ${EVIDENCE_SCHEMA}.upload_limits`));
  return rows[0] ? Number(rows[0].max_bytes) : DEFAULT_MAX_UPLOAD_BYTES;
}

export async function setUploadLimit(pool: Pool, tenantId: string, maxBytes: number): Promise<void> {
  await withTenantTransaction(pool, tenantId, (client) =>
    client.query(
      `INSERT INTO ${EVIDENCE_SCHEMA}.upload_limits (tenant_id, max_bytes, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (tenant_id) DO UPDATE SET max_bytes = excluded.max_bytes, updated_at = excluded.updated_at`,
      [tenantId, maxBytes],
    ),
  );
}
