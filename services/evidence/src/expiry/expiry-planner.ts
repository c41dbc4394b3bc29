import { Pool } from 'pg';
import { onEventsAppended } from '@assay/event-store';
import { Logger } from '@assay/observability';
import { EVIDENCE_SCHEMA } from '../infrastructure/evidence-schema';
import { jobsFor } from './expiry-jobs';
import { ExpiryQueue } from './expiry-queue';

type Unplanned = { tenant_id: string; evidence_id: string; expires_at: Date | null; expired: boolean; jobs_planned_for: Date | null };

/**
 * Keeps the queue's jobs in step with each evidence's expiry. A command marks its listing row
 * unplanned in its own transaction whenever the expiry moved (evidence-summaries.ts); the planner
 * then removes the old expiry's jobs, adds the new one's and marks the row planned — only if the
 * expiry is still the one it planned for. A crash between a commit and the planning leaves the row
 * unplanned, so the next pass (after a restart at the latest) plans it: no expiry is ever lost, and
 * planning twice adds nothing (job ids are per expiry). Jobs Redis lost are added again at start
 * and every ten minutes (reconcile). It runs as the relay role, across tenants.
 */
export class ExpiryPlanner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;
  private reconciler: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly queue: ExpiryQueue,
    private readonly logger: Logger,
    private readonly intervalMs = 5_000,
    private readonly reconcileEveryMs = 10 * 60_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.unsubscribe = onEventsAppended(EVIDENCE_SCHEMA, () => this.wake());
    this.wake();
    const reconcile = () => void this.reconcile().catch((error) => this.logger.warn({ err: error }, 'expiry reconciliation failed; retrying later'));
    reconcile();
    this.reconciler = setInterval(reconcile, this.reconcileEveryMs).unref();
  }

  /** Waits for a pass under way, but not for ever: with Redis unreachable its calls wait for a reconnect. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    clearInterval(this.reconciler);
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 5_000).unref())]);
  }

  /** Plans now (or right after the pass under way), then keeps polling as the fallback. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass()
      .then(() => undefined)
      .catch((error) => this.logger.warn({ err: error }, 'expiry planning failed; retrying on the next pass'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          return this.wake();
        }
        this.timer = setTimeout(() => this.wake(), this.intervalMs);
      });
  }

  /**
   * Adds the jobs of every expiry still ahead (or due) again: Redis may have lost them (a restart
   * without persistence, a failover). Job ids make this add nothing where the jobs still exist.
   */
  async reconcile(): Promise<number> {
    let added = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.pool.query<{ tenant_id: string; evidence_id: string; expires_at: Date }>(
        `SELECT tenant_id, evidence_id, expires_at FROM ${EVIDENCE_SCHEMA}.evidence_summaries
         WHERE jobs_planned AND expires_at IS NOT NULL AND NOT expired AND evidence_id > $1 ORDER BY evidence_id LIMIT 500`,
        [after],
      );
      for (const row of rows) {
        await this.queue.add(jobsFor(row.tenant_id, row.evidence_id, row.expires_at.toISOString(), Date.now()));
        added++;
      }
      if (rows.length < 500) return added;
      after = rows[rows.length - 1].evidence_id;
    }
  }

  /** Plans every unplanned row, 100 at a time. */
  async pass(): Promise<number> {
    let planned = 0;
    for (;;) {
      const { rows } = await this.pool.query<Unplanned>(
        `SELECT tenant_id, evidence_id, expires_at, expired, jobs_planned_for FROM ${EVIDENCE_SCHEMA}.evidence_summaries WHERE NOT jobs_planned ORDER BY updated_at LIMIT 100`,
      );
      for (const row of rows) planned += await this.plan(row);
      if (rows.length < 100) return planned;
    }
  }

  private async plan(row: Unplanned): Promise<number> {
    const previous = row.jobs_planned_for?.toISOString();
    const next = row.expires_at?.toISOString();
    if (previous && previous !== next) await this.queue.removeFor(row.evidence_id, previous);
    if (next && !row.expired) await this.queue.add(jobsFor(row.tenant_id, row.evidence_id, next, Date.now()));
    const { rowCount } = await this.pool.query(
      `UPDATE ${EVIDENCE_SCHEMA}.evidence_summaries SET jobs_planned_for = $3, jobs_planned = true
       WHERE tenant_id = $1 AND evidence_id = $2 AND expires_at IS NOT DISTINCT FROM $3::timestamptz`,
      [row.tenant_id, row.evidence_id, next ?? null],
    );
    if (!rowCount) {
      // The expiry moved while this pass worked, perhaps back to the one whose jobs it just removed
      // (and the command then found the row planned): plan the row again on the next pass.
      await this.pool.query(`UPDATE ${EVIDENCE_SCHEMA}.evidence_summaries SET jobs_planned = false WHERE tenant_id = $1 AND evidence_id = $2`, [row.tenant_id, row.evidence_id]);
      this.again = true;
      return 0;
    }
    this.logger.info({ evidenceId: row.evidence_id, expiresAt: next ?? null, previous: previous ?? null }, 'evidence expiry planned');
    return rowCount;
  }
}
