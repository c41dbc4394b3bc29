import { Pool } from 'pg';
import { learnedFrameworkMigrations } from '@assay/learned-frameworks';
import { ServiceRoles, migrate } from '@assay/postgres';
import { reportingMigrations } from '../infrastructure/reporting-schema';
import { REBUILD_SUFFIX } from '../read-models/migrations/migration-context';
import { migrateReadModels } from '../read-models/read-model-data-source';

/** Every table a rebuild writes afresh and swaps in: the read models, nothing of the event store. */
export const READ_MODEL_TABLES = ['scorecards', 'practice_scores', 'node_scores', 'tenant_frameworks', 'history_assessments', 'node_targets', 'score_changes', 'node_changes', 'derived_scores'] as const;

export const rebuildSchemaOf = (schema: string) => `${schema}${REBUILD_SUFFIX}`;
export const retiredSchemaOf = (schema: string) => `${schema}_retired`;

/**
 * A fresh schema holding empty read-model tables made by the same migrations as the live ones
 * (SQL and TypeORM), with the same row-level security for the service's application role.
 * Whatever a failed rebuild left is dropped first.
 */
export async function createRebuildSchema(admin: Pool, adminUrl: string, roles: ServiceRoles): Promise<string> {
  const target = rebuildSchemaOf(roles.schema);
  await dropSchema(admin, target);
  await admin.query(`CREATE SCHEMA ${target} AUTHORIZATION ${roles.owner}`);
  await admin.query(`GRANT USAGE ON SCHEMA ${target} TO ${roles.app}`);
  await admin.query(`CREATE TABLE ${target}.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  await admin.query(`ALTER TABLE ${target}.schema_migrations OWNER TO ${roles.owner}`);
  await migrate(admin, { ...roles, schema: target }, [learnedFrameworkMigrations, reportingMigrations]);
  await migrateReadModels(adminUrl, roles, target);
  return target;
}

export async function dropSchema(admin: Pool, schema: string): Promise<void> {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
