import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { deadLetterTopic } from '@assay/contracts';
import { createPool } from '@assay/postgres';
import {
  ADMIN_URL,
  ServiceProcess,
  TenantClient,
  eventually,
  expectEveryAnswerScoredOnce,
  planAnswers,
  postgresServer,
  sendAnswers,
  testKafka,
} from '@assay/testing';

// DESIGN.md §4 rule 3 and issue "Harden the spine" point 2: a database outage is not the
// messages' fault. Consumers redeliver what failed until PostgreSQL is back instead of
// dead-lettering valid events (which would lose their effect); clients get 503 and retry.
// The database comes back the way a failed-over one does: read-only for a while (25006 on every
// write), the case a list of "transient" codes missed.
describe('PostgreSQL restarted for ~20 s in the middle of 2,000 answers, then read-only for ~10 s', () => {
  const services = [new ServiceProcess('assessment'), new ServiceProcess('scoring'), new ServiceProcess('reporting')];
  let admin: Pool;
  let kafka: Kafka;

  beforeAll(async () => {
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'fault-test', max: 2 });
    kafka = testKafka();
    await Promise.all(services.map((s) => s.start()));
  });

  afterAll(async () => {
    await postgresServer.start();
    await postgresServer.readOnly(false);
    await Promise.all(services.map((s) => s.stop()));
    await admin.end();
  });

  /** Messages ever written to the services' dead-letter topics. */
  async function deadLettered(): Promise<number> {
    const k = kafka.admin();
    await k.connect();
    try {
      let total = 0;
      for (const group of ['scoring', 'reporting']) for (const p of await k.fetchTopicOffsets(deadLetterTopic(group))) total += Number(p.high);
      return total;
    } finally {
      await k.disconnect();
    }
  }

  const applied = async (schema: 'scoring' | 'reporting', tenantId: string) =>
    (await admin.query(`SELECT count(*)::int AS n FROM ${schema}.inbox WHERE tenant_id = $1`, [tenantId])).rows[0].n as number;

  it('scores every answer exactly once and dead-letters nothing', async () => {
    const deadLettersBefore = await deadLettered();
    const tenant = await TenantClient.create();
    const answers = await planAnswers(tenant, 2_000);
    const sending = sendAnswers(tenant, answers, 4, 120_000);

    // Cut the database while answers are arriving and both consumers are mid-stream.
    await eventually(async () => expect(await applied('reporting', tenant.tenantId)).toBeGreaterThan(200), 120_000, 50);
    const before = await applied('reporting', tenant.tenantId);
    expect(before).toBeLessThan(answers.length);
    await postgresServer.stop();
    await new Promise((r) => setTimeout(r, 20_000)); // the outage under test (bounded, not a wait for a result)
    await postgresServer.start();
    await postgresServer.readOnly(true);
    await new Promise((r) => setTimeout(r, 10_000)); // back, but read-only: writes fail with 25006
    await postgresServer.readOnly(false);

    const { unavailable } = await sending;
    expect(unavailable).toBeGreaterThan(0); // clients did meet the outage (503 or a cut connection)
    await expectEveryAnswerScoredOnce(tenant, answers, admin, 240_000);
    expect(await deadLettered()).toBe(deadLettersBefore);
    const parked = await admin.query(`SELECT count(*)::int AS n FROM (SELECT tenant_id FROM assessment.relay_parked_events UNION ALL SELECT tenant_id FROM scoring.relay_parked_events) p WHERE tenant_id = $1`, [
      tenant.tenantId,
    ]);
    expect(parked.rows[0].n).toBe(0);
    expect(services.map((s) => s.running)).toEqual([true, true, true]); // none crashed
  });
});
