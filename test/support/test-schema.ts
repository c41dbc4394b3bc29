import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { eventStoreMigrations } from '@assay/event-store';
import { MigrationSource, ServiceRoles, createPool, migrate, provisionServiceSchema, roleConnectionString } from '@assay/postgres';

export const ADMIN_URL = process.env.ASSAY_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/assay';

export interface TestSchema {
  roles: ServiceRoles;
  admin: Pool;
  app: Pool;
  relay: Pool;
  drop: () => Promise<void>;
}

/** A fresh, fully provisioned service schema (own roles, forced RLS) for one spec file. */
export async function createTestSchema(prefix: string, extra: MigrationSource[] = []): Promise<TestSchema> {
  const schema = `t_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = createPool({ connectionString: ADMIN_URL, applicationName: `test-${schema}`, max: 4 });
  const roles = await provisionServiceSchema(admin, schema);
  await migrate(admin, roles, [eventStoreMigrations, ...extra]);
  const app = createPool({ connectionString: roleConnectionString(ADMIN_URL, roles.app), applicationName: `test-${schema}`, max: 8 });
  const relay = createPool({ connectionString: roleConnectionString(ADMIN_URL, roles.relay), applicationName: `test-${schema}-relay`, max: 5 }); // as a service's: two sessions per leading relay
  return {
    roles,
    admin,
    app,
    relay,
    drop: async () => {
      await Promise.all([app.end(), relay.end()]);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      for (const role of [roles.app, roles.relay, roles.owner]) {
        await admin.query(`DROP OWNED BY ${role}`);
        await admin.query(`DROP ROLE ${role}`);
      }
      await admin.end();
    },
  };
}

/** A table the app role may write, where a spec's handlers record their effects to count them. */
export async function addEffectsTable(db: TestSchema, columns: string): Promise<void> {
  await db.admin.query(`CREATE TABLE ${db.roles.schema}.effects (${columns})`);
  await db.admin.query(`GRANT SELECT, INSERT ON ${db.roles.schema}.effects TO ${db.roles.app}`);
}
