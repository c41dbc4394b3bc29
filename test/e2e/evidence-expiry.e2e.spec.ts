import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Pool } from 'pg';
import { createPool } from '@assay/postgres';
import { ADMIN_URL, TEST_QUEUE_PREFIX, TenantClient, eventually, withRunningServices } from '@assay/testing';

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const card = (validUntil?: string) => ({ typeId: 'model-card', title: 'Fraud model card', metadata: { issuer: 'Acme AI', scope: 'fraud-v3', issuedOn: today(), ...(validUntil ? { validUntil } : {}) } });
let n = 0;
const uniqueFile = () => Buffer.from(`# Model card ${Date.now()}-${++n}\n\nIntended use: claims triage.\n`);

describe('Evidence expiry with BullMQ: fires once, on time, survives a killed worker, follows validity changes', () => {
  const [evidence] = withRunningServices(['evidence']);
  let admin: Pool;
  let redis: IORedis;
  let queue: Queue;
  let ana: TenantClient;

  beforeAll(() => {
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'evidence-expiry-spec', max: 2 });
    redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    queue = new Queue('evidence-expiry', { connection: redis, prefix: TEST_QUEUE_PREFIX });
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await admin.end();
  });
  beforeEach(async () => {
    ana = await TenantClient.create(undefined, ['assessor'], 'ana');
  });

  const eventsOf = async (evidenceId: string, type: string) => {
    const { rows } = await admin.query(`SELECT data FROM evidence.events WHERE stream_id = $1 AND event_type = $2`, [`evidence-${evidenceId}`, type]);
    return rows.map((r) => r.data);
  };
  const upload = async (validUntil?: string, file = uniqueFile()) => {
    const r = await ana.upload('/v1/evidence', card(validUntil), file, 'card.md');
    expect(r.status).toBe(201);
    return r.body;
  };
  const jobAt = (kind: string, evidenceId: string, expiresAt: string) => `${kind}.${evidenceId}.${Date.parse(expiresAt)}`;

  it('one evidence expiring fires exactly one EvidenceExpired, also when the worker is killed between scheduling and firing', async () => {
    const expiresAt = new Date(Date.now() + 6_000).toISOString();
    const e = await upload(expiresAt);
    expect(e.validity.expiresAt).toBe(expiresAt);
    const jobId = jobAt('expire', e.id, expiresAt);
    await eventually(async () => expect(await queue.getJobState(jobId)).toBe('delayed'), 10_000, 100);

    await evidence.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, Date.parse(expiresAt) - Date.now() + 1_000));
    expect(await eventsOf(e.id, 'EvidenceExpired')).toHaveLength(0); // nothing fired while the worker was dead
    await evidence.start();

    await eventually(async () => expect((await ana.call('evidence', 'GET', `/v1/evidence/${e.id}`)).body.expired).toBe(true), 20_000, 200);
    expect(await eventsOf(e.id, 'EvidenceExpired')).toEqual([{ evidenceId: e.id, revision: 1, expiresAt, expiredAt: expect.any(String) }]);

    // The same expiry asked again (a duplicate run, as after a crash before BullMQ recorded completion): the stream says no.
    const again = await queue.add('expire', { tenantId: ana.tenantId, evidenceId: e.id, expiresAt, kind: 'expire' }, { jobId: `${jobId}.again` });
    await eventually(async () => expect(await again.getState()).toBe('completed'), 10_000, 100);
    expect(await eventsOf(e.id, 'EvidenceExpired')).toHaveLength(1);
  });

  it('a delayed job survives its Redis clients being cut (they reconnect) and still fires once', async () => {
    const expiresAt = new Date(Date.now() + 4_000).toISOString();
    const e = await upload(expiresAt);
    await eventually(async () => expect(await queue.getJobState(jobAt('expire', e.id, expiresAt))).toBe('delayed'), 10_000, 100);
    const cut = await redis.client('KILL', 'TYPE', 'normal'); // every ordinary connection: the service's queue and worker, and this spec's
    expect(Number(cut)).toBeGreaterThan(1);
    await eventually(async () => expect((await ana.call('evidence', 'GET', `/v1/evidence/${e.id}`)).body.expired).toBe(true), 20_000, 200);
    expect(await eventsOf(e.id, 'EvidenceExpired')).toHaveLength(1);
  });

  it('changing validity moves the job: the old expiry\'s jobs go, the new one is planned for its instant', async () => {
    const e = await upload();
    expect(e.validity.expiresAt).toBeUndefined(); // a model card is valid until revised: nothing to plan
    const shortened = new Date(Date.now() + 60 * DAY).toISOString();
    const changed = await ana.call('evidence', 'PUT', `/v1/evidence/${e.id}/validity`, { validUntil: shortened });
    expect(changed.status).toBe(200);
    const first = jobAt('expire', e.id, shortened);
    await eventually(async () => expect(await queue.getJobState(first)).toBe('delayed'), 10_000, 100);
    expect(await queue.getJobState(jobAt('remind-30', e.id, shortened))).toBe('delayed');

    const sooner = new Date(Date.now() + 20 * DAY).toISOString();
    expect((await ana.call('evidence', 'PUT', `/v1/evidence/${e.id}/validity`, { validUntil: sooner })).status).toBe(200);
    const moved = jobAt('expire', e.id, sooner);
    await eventually(async () => expect(await queue.getJobState(moved)).toBe('delayed'), 10_000, 100);
    expect(await queue.getJobState(first)).toBe('unknown');
    expect(await queue.getJobState(jobAt('remind-30', e.id, shortened))).toBe('unknown');
    expect(await queue.getJobState(jobAt('remind-30', e.id, sooner))).toBe('unknown'); // 30 days before a 20-day validity: already past
    const job = (await queue.getJob(moved))!;
    expect(Math.abs(job.timestamp + job.opts.delay! - Date.parse(sooner))).toBeLessThan(1_000);
  });

  it('reminds once 7 days before, as an event, and never for a reminder already past', async () => {
    const expiresAt = new Date(Date.now() + 7 * DAY + 4_000).toISOString();
    const e = await upload(expiresAt);
    await eventually(async () => expect(await eventsOf(e.id, 'EvidenceExpiryReminded')).toHaveLength(1), 20_000, 200);
    const [reminder] = await eventsOf(e.id, 'EvidenceExpiryReminded');
    expect(reminder).toMatchObject({ evidenceId: e.id, daysBefore: 7, expiresAt });
    expect(await eventsOf(e.id, 'EvidenceExpired')).toHaveLength(0);
  });
});
