import { DelayedError, Job, Worker } from 'bullmq';
import { Pool } from 'pg';
import { Logger } from '@assay/observability';
import { queuePrefix, redisConnection } from '@assay/service-kit';
import { EvidenceCommand } from '../domain/evidence.commands';
import { runEvidenceCommand } from '../infrastructure/evidence-store';
import { ReminderDays } from '../domain/evidence.events';
import { EXPIRY_QUEUE, ExpiryJobData, daysBeforeOf, dueAtOf } from './expiry-jobs';

function commandOf(data: ExpiryJobData, now: Date): EvidenceCommand {
  const { evidenceId, expiresAt: plannedExpiresAt, kind } = data;
  if (kind === 'expire') return { type: 'ExpireEvidence', data: { evidenceId, plannedExpiresAt, now } };
  return { type: 'RemindExpiry', data: { evidenceId, plannedExpiresAt, daysBefore: daysBeforeOf(kind) as ReminderDays, now } };
}

/**
 * Runs expiry and reminder jobs. A job only asks: the evidence's stream decides (see the decider's
 * ExpireEvidence), so a job run twice (a worker killed after the commit, before BullMQ heard of it),
 * late, or planned for an expiry that has since moved appends at most the one event that is due.
 * A job that fires before its moment (clock skew) goes back to wait instead of being lost.
 */
export function startExpiryWorker(pool: Pool, logger: Logger, onFailed: () => void): { worker: Worker<ExpiryJobData>; close: () => Promise<void> } {
  const connection = redisConnection();
  const worker = new Worker<ExpiryJobData>(
    EXPIRY_QUEUE,
    async (job: Job<ExpiryJobData>, token?: string) => {
      const due = dueAtOf(job.data.kind, job.data.expiresAt);
      if (Date.now() < due) {
        await job.moveToDelayed(due, token);
        throw new DelayedError();
      }
      const outcome = await runEvidenceCommand(pool, job.data.tenantId, commandOf(job.data, new Date()), { correlationId: `job-${job.id}`, causationId: `job-${job.id}` });
      const appended = outcome.events.map((e) => e.type);
      logger.info({ jobId: job.id, evidenceId: job.data.evidenceId, kind: job.data.kind, appended }, appended.length ? 'evidence expiry job applied' : 'evidence expiry job had nothing to do');
      return { appended };
    },
    { connection, prefix: queuePrefix(), concurrency: 4 },
  );
  worker.on('failed', (job, error) => {
    onFailed();
    logger.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'evidence expiry job failed');
  });
  worker.on('error', (error) => logger.warn({ err: error }, 'evidence expiry worker error (Redis connection?)'));
  // A running job finishes first; then the worker's own connection goes.
  const close = async () => {
    await worker.close();
    connection.disconnect();
  };
  return { worker, close };
}
