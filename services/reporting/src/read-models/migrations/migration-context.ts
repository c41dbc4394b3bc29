import { QueryRunner } from 'typeorm';
import { serviceRoles } from '@assay/postgres';

export const REBUILD_SUFFIX = '_rebuild';

/**
 * The schema a TypeORM migration writes into (the data source's, so a rebuild schema gets the same
 * tables as the live one) and the application role its policies and grants name.
 */
export function migrationContext(queryRunner: QueryRunner) {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('reporting read-model migrations need a data source with a schema');
  const { app } = serviceRoles(appSchemaOf(schema));
  const tenantPolicy = `USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`;
  return { schema, app, tenantPolicy };
}

/** A rebuild schema is named `<service schema>_rebuild` (rebuildSchemaOf); its tables serve the service's own role. */
export function appSchemaOf(schema: string): string {
  return schema.endsWith(REBUILD_SUFFIX) ? schema.slice(0, -REBUILD_SUFFIX.length) : schema;
}
