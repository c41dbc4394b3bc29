import { Pool } from 'pg';
import { createPool } from '@assay/postgres';
import { ADMIN_URL, ServiceProcess, TenantClient, expectEveryAnswerScoredOnce, kafkaBroker, planAnswers, sendAnswers } from '@assay/testing';

// DESIGN.md §4 rules 2 and 3: a broker outage in the middle of a stream loses nothing and
// duplicates no effect. The assessment service keeps accepting answers (the event store is the
// outbox); relays and consumers catch up once the broker is back.
describe('Kafka broker stopped for ~30 s in the middle of 2,000 answers', () => {
  const services = [new ServiceProcess('assessment'), new ServiceProcess('scoring'), new ServiceProcess('reporting')];
  let admin: Pool;

  beforeAll(async () => {
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'fault-test', max: 2 });
    await Promise.all(services.map((s) => s.start()));
  });

  afterAll(async () => {
    await kafkaBroker.start();
    await Promise.all(services.map((s) => s.stop()));
    await admin.end();
  });

  it('delivers every answer to the scorecard exactly once', async () => {
    const tenant = await TenantClient.create();
    const answers = await planAnswers(tenant, 2_000);

    await sendAnswers(tenant, answers.slice(0, 1_000));
    const outageStarted = Date.now();
    await kafkaBroker.stop();
    await sendAnswers(tenant, answers.slice(1_000));
    const pending = await admin.query(`SELECT count(*)::int AS n FROM assessment.events WHERE tenant_id = $1`, [tenant.tenantId]);
    expect(pending.rows[0].n).toBeGreaterThanOrEqual(2_000);

    // Keep the broker down for the outage under test (bounded, not a wait for a result).
    await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - outageStarted))));
    await kafkaBroker.start();

    await expectEveryAnswerScoredOnce(tenant, answers, admin, 240_000);
  });
});
