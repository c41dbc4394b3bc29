import { Queryable } from '@assay/postgres';
import { FrameworkVersionImported } from '../domain/framework-version.decider';
import { ASSESSMENT_SCHEMA } from './assessment-store';

/**
 * Inline projection of imported framework versions into tenant_frameworks. Call it with the client
 * that appended the events: the row then commits or rolls back with them, so the listing can never
 * show a version whose event was lost, nor miss one that was stored.
 */
export async function projectFrameworkVersionsImported(
  client: Queryable,
  tenantId: string,
  events: FrameworkVersionImported[],
  schema = ASSESSMENT_SCHEMA,
): Promise<void> {
  for (const { data } of events) {
    // No ON CONFLICT: the decider publishes a version once, so a duplicate is a bug to surface.
    await client.query(
      `INSERT INTO ${schema}.tenant_frameworks (tenant_id, framework_id, version, definition, imported_by, imported_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantId, data.definition.id, data.definition.version, JSON.stringify(data.definition), data.importedBy, data.importedAt],
    );
  }
}
