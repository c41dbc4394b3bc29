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

describe('migrations 001_tenant_frameworks and 002_assessment_summaries backfill what came before them (real PostgreSQL)', () => {
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
    // Two assessments from before lifecycles existed: one answered, one not.
    const event = (type: string, data: object): NewEvent => ({ type, data, eventId: randomUUID(), occurredAt: new Date() });
    const [answered, untouched] = [randomUUID(), randomUUID()];
    const started = (assessmentId: string) => event('AssessmentStarted', { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', title: `old ${assessmentId.slice(0, 4)}`, startedBy: 'u', startedAt: '2025-06-01T00:00:00.000Z' });
    await withTenantTransaction(db.app, tenantA, async (c) => {
      await store.appendToStream(c, tenantA, `assessment-${answered}`, [started(answered), event('AnswerRecorded', { assessmentId: answered, questionId: 'GOV-SM-A1', value: 2 })], 'no_stream');
      await store.appendToStream(c, tenantA, `assessment-${untouched}`, [started(untouched)], 'no_stream');
    });

    // As in production: the migration runs as the schema's owner, whom the events' RLS binds too.
    expect(await migrate(db.admin, db.roles, [assessmentMigrations])).toEqual(['assessment/001_tenant_frameworks.sql', 'assessment/002_assessment_summaries.sql', 'assessment/003_ai_system_summaries.sql']);
    const summaries = await db.admin.query(`SELECT assessment_id, status, scope_kind, revision FROM ${db.roles.schema}.assessment_summaries WHERE tenant_id = $1 ORDER BY status`, [tenantA]);
    expect(summaries.rows).toEqual([
      { assessment_id: untouched, status: 'draft', scope_kind: 'programme', revision: 1 },
      { assessment_id: answered, status: 'in-progress', scope_kind: 'programme', revision: 1 },
    ]);

    const list = (tenant: string) => withTenantTransaction(db.app, tenant, (c) => tenantFrameworks(c, db.roles.schema));
    const importedBy = async (tenant: string) => (await list(tenant)).filter((f) => f.version.startsWith('1.0-')).map((f) => f.version);
    expect(await importedBy(tenantA)).toEqual(['1.0-acme']);
    expect(await importedBy(tenantB)).toEqual(['1.0-globex']);
    expect(await withTenantTransaction(db.app, tenantA, (c) => tenantFramework(c, ofA.id, ofA.version, db.roles.schema))).toEqual(ofA);
    const row = await db.admin.query(`SELECT imported_by, imported_at FROM ${db.roles.schema}.tenant_frameworks WHERE tenant_id = $1`, [tenantA]);
    expect(row.rows).toEqual([{ imported_by: 'alice', imported_at: new Date('2025-01-02T03:04:05.000Z') }]);
  });
});
