import { Pool } from 'pg';
import { createPool } from '@assay/postgres';
import { ADMIN_URL, ServiceProcess, TenantClient, eventually, expectEveryAnswerScoredOnce, planAnswers, sendAnswers } from '@assay/testing';

// DESIGN.md §4 rule 3: a consumer killed mid-batch (SIGKILL, no graceful stop, offsets not
// committed) gets its uncommitted messages again; the inbox makes the second delivery a no-op.
describe('Consumers killed mid-batch while 2,000 answers flow', () => {
  const assessment = new ServiceProcess('assessment');
  const scoring = new ServiceProcess('scoring');
  const reporting = new ServiceProcess('reporting');
  let admin: Pool;

  beforeAll(async () => {
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'fault-test', max: 2 });
    await Promise.all([assessment.start(), scoring.start(), reporting.start()]);
  });

  afterAll(async () => {
    await Promise.all([assessment.stop(), scoring.stop(), reporting.stop()]);
    await admin.end();
  });

  const applied = async (schema: 'scoring' | 'reporting', tenantId: string) =>
    (await admin.query(`SELECT count(*)::int AS n FROM ${schema}.inbox WHERE tenant_id = $1`, [tenantId])).rows[0].n as number;

  it('delivers every answer to the scorecard exactly once', async () => {
    const tenant = await TenantClient.create();
    const answers = await planAnswers(tenant, 2_000);
    const sending = sendAnswers(tenant, answers, 4);

    await eventually(async () => expect(await applied('scoring', tenant.tenantId)).toBeGreaterThan(300), 120_000, 50);
    await scoring.stop('SIGKILL');
    await eventually(async () => expect(await applied('reporting', tenant.tenantId)).toBeGreaterThan(200), 120_000, 50);
    await reporting.stop('SIGKILL');
    await sending;
    await Promise.all([scoring.start(), reporting.start()]);

    await expectEveryAnswerScoredOnce(tenant, answers, admin, 240_000);
  });
});
