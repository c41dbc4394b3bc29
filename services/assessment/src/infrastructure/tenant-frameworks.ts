import { FrameworkDefinition, SHIPPED_FRAMEWORKS, shippedFramework } from '@assay/frameworks';
import { Queryable } from '@assay/postgres';
import { ASSESSMENT_SCHEMA } from './assessment-store';

/**
 * The frameworks a tenant sees: the shipped catalogue plus the versions it imported. Imported
 * versions are read from the tenant_frameworks projection (written with the import's event, see
 * tenant-frameworks-projection.ts), not by scanning the tenant's whole event log per request.
 * Row-level security on that table keeps licensed text with the licensee.
 */
export async function tenantFrameworks(client: Queryable, schema = ASSESSMENT_SCHEMA): Promise<FrameworkDefinition[]> {
  const { rows } = await client.query<{ definition: FrameworkDefinition }>(
    `SELECT definition FROM ${schema}.tenant_frameworks ORDER BY imported_at, framework_id, version`,
  );
  return [...SHIPPED_FRAMEWORKS, ...rows.map((r) => r.definition)];
}

export async function tenantFramework(client: Queryable, id: string, version: string, schema = ASSESSMENT_SCHEMA): Promise<FrameworkDefinition | undefined> {
  const shipped = shippedFramework(id, version);
  if (shipped) return shipped;
  const { rows } = await client.query<{ definition: FrameworkDefinition }>(
    `SELECT definition FROM ${schema}.tenant_frameworks WHERE framework_id = $1 AND version = $2`,
    [id, version],
  );
  return rows[0]?.definition;
}
