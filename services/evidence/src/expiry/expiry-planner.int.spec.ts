import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createLogger } from '@assay/observability';
import { createPool, roleConnectionString } from '@assay/postgres';
import { ADMIN_URL } from '@assay/testing';
import { jobIdOf } from './expiry-jobs';
import { ExpiryPlanner } from './expiry-planner';
import { ExpiryQueue } from './expiry-queue';

/**
 * The planner against the provisioned evidence schema (deploy/infra-up.sh) and the real Redis: the
 * recovery path of a process that committed an expiry and died before planning its jobs.
 */
describe('ExpiryPlanner (PostgreSQL evidence schema, Redis)', () => {
  let admin: Pool;
  let relay: Pool;
  let queue: ExpiryQueue;
  let planner: ExpiryPlanner;
  const tenantId = randomUUID();

  beforeAll(() => {
    process.env.ASSAY_QUEUE_PREFIX = `assay-int-${randomUUID().slice(0, 8)}`;
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'planner-spec', max: 2 });
    relay = createPool({ connectionString: roleConnectionString(ADMIN_URL, 'evidence_relay'), applicationName: 'planner-spec-relay', max: 2 });
    queue = new ExpiryQueue();
    planner = new ExpiryPlanner(relay, queue, createLogger('planner-spec', 'warn'), 60_000);
  });
  afterAll(async () => {
    await queue.queue.obliterate({ force: true });
    await queue.close();
    await admin.query(`DELETE FROM evidence.evidence_summaries WHERE tenant_id = $1`, [tenantId]);
    await Promise.all([admin.end(), relay.end()]);
  });

  /** A listing row as a command leaves it: its expiry committed, its jobs not yet planned. */
  const committed = async (evidenceId: string, expiresAt: string | null, plannedFor: string | null = null) =>
    admin.query(
      `INSERT INTO evidence.evidence_summaries (tenant_id, evidence_id, type_id, title, revision, review_status, effective_on, expires_at, expired, stream_version, uploaded_at, updated_at, jobs_planned_for, jobs_planned)
       VALUES ($1, $2, 'soc2-type2', 't', 1, 'pending', '2026-09-30', $3, false, 1, now(), now(), $4, false)
       ON CONFLICT (tenant_id, evidence_id) DO UPDATE SET expires_at = excluded.expires_at, jobs_planned = false`,
      [tenantId, evidenceId, expiresAt, plannedFor],
    );
  const plannedRow = async (evidenceId: string) =>
    (await admin.query(`SELECT jobs_planned, jobs_planned_for FROM evidence.evidence_summaries WHERE tenant_id = $1 AND evidence_id = $2`, [tenantId, evidenceId])).rows[0];

  it('plans an expiry committed by a process that died before planning it, and a second pass adds nothing', async () => {
    const evidenceId = randomUUID();
    const expiresAt = new Date(Date.now() + 90 * 86_400_000).toISOString();
    await committed(evidenceId, expiresAt);
    expect(await planner.pass()).toBeGreaterThanOrEqual(1);
    expect(await queue.queue.getJobState(jobIdOf(evidenceId, 'expire', expiresAt))).toBe('delayed');
    expect(await queue.queue.getJobState(jobIdOf(evidenceId, 'remind-30', expiresAt))).toBe('delayed');
    expect(await plannedRow(evidenceId)).toEqual({ jobs_planned: true, jobs_planned_for: new Date(expiresAt) });
    const before = await queue.queue.getJobCounts('delayed');
    await committed(evidenceId, expiresAt, expiresAt); // marked unplanned again with the same expiry (a redelivered change)
    await planner.pass();
    expect(await queue.queue.getJobCounts('delayed')).toEqual(before);
  });

  it('removes the jobs of an expiry that moved, and plans none for evidence without one', async () => {
    const evidenceId = randomUUID();
    const first = new Date(Date.now() + 40 * 86_400_000).toISOString();
    await committed(evidenceId, first);
    await planner.pass();
    await committed(evidenceId, null, first);
    await planner.pass();
    expect(await queue.queue.getJobState(jobIdOf(evidenceId, 'expire', first))).toBe('unknown');
    expect(await plannedRow(evidenceId)).toEqual({ jobs_planned: true, jobs_planned_for: null });
  });
});
