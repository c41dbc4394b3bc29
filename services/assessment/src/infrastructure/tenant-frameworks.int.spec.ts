import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { PostgresEventStore, handleCommand } from '@assay/event-store';
import { CSA_AISMM_1_0, FrameworkDefinition } from '@assay/frameworks';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, createTestSchema } from '@assay/testing';
import { frameworkStreamId, frameworkVersionDecider } from '../domain/framework-version.decider';
import { assessmentMigrations } from './assessment-migrations';
import { tenantFramework, tenantFrameworks } from './tenant-frameworks';
import { projectFrameworkVersionsImported } from './tenant-frameworks-projection';

const tenantA = randomUUID();
const tenantB = randomUUID();
const licensed = (): FrameworkDefinition => ({ ...CSA_AISMM_1_0, version: `1.0-acme-${randomUUID().slice(0, 8)}` });

describe('tenant frameworks projection (real PostgreSQL)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let schema: string;

  beforeAll(async () => {
    db = await createTestSchema('asm', [assessmentMigrations]);
    schema = db.roles.schema;
    store = new PostgresEventStore(schema);
  });
  afterAll(() => db.drop());

  const asTenant = <T>(tenant: string, work: (c: PoolClient) => Promise<T>) => withTenantTransaction(db.app, tenant, work);
  const listed = async (tenant: string) => (await asTenant(tenant, (c) => tenantFrameworks(c, schema))).map((f) => `${f.id}@${f.version}`);

  /** What ImportFrameworkHandler does inside its tenant transaction: decide and append, then project. */
  const importVersion = async (client: PoolClient, tenant: string, definition: FrameworkDefinition) => {
    const now = new Date();
    const outcome = await handleCommand(store, client, frameworkVersionDecider, { type: 'ImportFrameworkVersion', data: { definition, importedBy: 'alice', now } }, {
      tenantId: tenant,
      streamId: frameworkStreamId(definition.id, definition.version),
      newEventId: randomUUID,
      now,
    });
    await projectFrameworkVersionsImported(client, tenant, outcome.events, schema);
  };

  it('lists a version imported by tenant A for A and not for B', async () => {
    const definition = licensed();
    await asTenant(tenantA, (c) => importVersion(c, tenantA, definition));

    expect(await listed(tenantA)).toContain(`${definition.id}@${definition.version}`);
    expect(await listed(tenantB)).not.toContain(`${definition.id}@${definition.version}`);
    expect(await asTenant(tenantA, (c) => tenantFramework(c, definition.id, definition.version, schema))).toEqual(definition);
    expect(await asTenant(tenantB, (c) => tenantFramework(c, definition.id, definition.version, schema))).toBeUndefined();
  });

  it('writes the row in the import transaction: a rolled-back import leaves neither event nor row', async () => {
    const definition = licensed();
    const failed = asTenant(tenantA, async (c) => {
      await importVersion(c, tenantA, definition);
      throw new Error('the request failed after the append');
    });
    await expect(failed).rejects.toThrow('after the append');

    expect(await listed(tenantA)).not.toContain(`${definition.id}@${definition.version}`);
    expect(await asTenant(tenantA, (c) => store.readStream(c, tenantA, frameworkStreamId(definition.id, definition.version)))).toEqual([]);
  });

  it('answers from the projection table, not the event log', async () => {
    // An import event with no projected row is not listed: the event log is not read...
    const eventOnly = licensed();
    await asTenant(tenantA, (c) =>
      store.appendToStream(c, tenantA, frameworkStreamId(eventOnly.id, eventOnly.version), [
        { type: 'FrameworkVersionImported', data: { definition: eventOnly, importedBy: 'alice', importedAt: new Date().toISOString() }, eventId: randomUUID(), occurredAt: new Date() },
      ], 'no_stream'),
    );
    // ...and a row with no event behind it is: the table is.
    const rowOnly = licensed();
    await asTenant(tenantA, (c) =>
      c.query(`INSERT INTO ${schema}.tenant_frameworks (tenant_id, framework_id, version, definition, imported_by, imported_at) VALUES ($1, $2, $3, $4, 'alice', now())`, [
        tenantA,
        rowOnly.id,
        rowOnly.version,
        JSON.stringify(rowOnly),
      ]),
    );

    const names = await listed(tenantA);
    expect(names).not.toContain(`${eventOnly.id}@${eventOnly.version}`);
    expect(names).toContain(`${rowOnly.id}@${rowOnly.version}`);
    expect(await asTenant(tenantA, (c) => tenantFramework(c, rowOnly.id, rowOnly.version, schema))).toEqual(rowOnly);
  });

  it('isolates tenants with forced row-level security: no tenant sees no rows, and no tenant writes for another', async () => {
    await asTenant(tenantA, (c) => importVersion(c, tenantA, licensed()));
    const noContext = await db.app.query(`SELECT count(*)::int AS n FROM ${schema}.tenant_frameworks`);
    expect(noContext.rows[0].n).toBe(0);
    const forged = { type: 'FrameworkVersionImported' as const, data: { definition: licensed(), importedBy: 'mallory', importedAt: new Date().toISOString() } };
    await expect(asTenant(tenantB, (c) => projectFrameworkVersionsImported(c, tenantA, [forged], schema))).rejects.toThrow(/row-level security/);
  });
});
