import { FrameworkDefinition, SHIPPED_FRAMEWORKS, shippedFramework } from '@assay/frameworks';
import { Queryable } from '@assay/postgres';
import { ASSESSMENT_SCHEMA } from './assessment-store';

/**
 * The frameworks a tenant sees: the shipped catalogue plus the versions it imported. Imported
 * versions live only as events in its own streams (row-level security keeps licensed text with
 * the licensee); events are immutable, so a published version cannot change.
 */
export async function tenantFrameworks(client: Queryable): Promise<FrameworkDefinition[]> {
  const { rows } = await client.query<{ data: { definition: FrameworkDefinition } }>(
    `SELECT data FROM ${ASSESSMENT_SCHEMA}.events WHERE event_type = 'FrameworkVersionImported' ORDER BY global_position`,
  );
  return [...SHIPPED_FRAMEWORKS, ...rows.map((r) => r.data.definition)];
}

export async function tenantFramework(client: Queryable, id: string, version: string): Promise<FrameworkDefinition | undefined> {
  return shippedFramework(id, version) ?? (await tenantFrameworks(client)).find((f) => f.id === id && f.version === version);
}
