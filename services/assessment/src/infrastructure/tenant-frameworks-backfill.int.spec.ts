import { randomUUID } from 'node:crypto';
import { NewEvent, PostgresEventStore } from '@assay/event-store';
import { CSA_AISMM_1_0, FrameworkDefinition } from '@assay/frameworks';
import { migrate } from '@assay/postgres';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, createTestSchema } from '@assay/testing';
import { frameworkStreamId } from '../domain/framework-version.decider';
import { assessmentMigrations } from './assessment-migrations';
import { tenantFramework, tenantFrameworks } from './tenant-frameworks';

const tenantA = randomUUID();
const tenantB = randomUUID();

const imported = (definition: FrameworkDefinition): NewEvent => ({
  type: 'FrameworkVersionImported',
  data: { definition, importedBy: 'alice', importedAt: '2025-01-02T03:04:05.000Z' },
  eventId: randomUUID(),
  occurredAt: new Date(),
});

describe('migration 001_tenant_frameworks (real PostgreSQL)', () => {
  let db: TestSchema;

  // Only the event store's migrations at first: the imports below predate the projection table.
  beforeAll(async () => {
    db = await createTestSchema('asmbf');
  });
  afterAll(() => db.drop());

  it('backfills the versions imported before it, each for its own tenant only', async () => {
    const store = new PostgresEventStore(db.roles.schema);
    const ofA = { ...CSA_AISMM_1_0, version: '1.0-acme' };
    const ofB = { ...CSA_AISMM_1_0, version: '1.0-globex' };
    await withTenantTransaction(db.app, tenantA, (c) => store.appendToStream(c, tenantA, frameworkStreamId(ofA.id, ofA.version), [imported(ofA)], 'no_stream'));
    await withTenantTransaction(db.app, tenantB, (c) => store.appendToStream(c, tenantB, frameworkStreamId(ofB.id, ofB.version), [imported(ofB)], 'no_stream'));

    // As in production: the migration runs as the schema's owner, whom the events' RLS binds too.
    expect(await migrate(db.admin, db.roles, [assessmentMigrations])).toEqual(['assessment/001_tenant_frameworks.sql']);

    const list = (tenant: string) => withTenantTransaction(db.app, tenant, (c) => tenantFrameworks(c, db.roles.schema));
    const importedBy = async (tenant: string) => (await list(tenant)).filter((f) => f.version.startsWith('1.0-')).map((f) => f.version);
    expect(await importedBy(tenantA)).toEqual(['1.0-acme']);
    expect(await importedBy(tenantB)).toEqual(['1.0-globex']);
    expect(await withTenantTransaction(db.app, tenantA, (c) => tenantFramework(c, ofA.id, ofA.version, db.roles.schema))).toEqual(ofA);
    const row = await db.admin.query(`SELECT imported_by, imported_at FROM ${db.roles.schema}.tenant_frameworks WHERE tenant_id = $1`, [tenantA]);
    expect(row.rows).toEqual([{ imported_by: 'alice', imported_at: new Date('2025-01-02T03:04:05.000Z') }]);
  });
});
