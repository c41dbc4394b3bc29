import { Queue } from 'bullmq';
import { redisConnection, queuePrefix } from '@assay/service-kit';
import { EXPIRY_QUEUE, ExpiryJobData, PlannedJob, jobIdsFor } from './expiry-jobs';


const DAY_S = 86_400;

/** The delayed jobs of evidence expiry: added and removed by the planner, run by the worker. */
export class ExpiryQueue {
  readonly queue: Queue<ExpiryJobData>;
  private readonly connection = redisConnection();

  constructor() {
    this.queue = new Queue<ExpiryJobData>(EXPIRY_QUEUE, { connection: this.connection, prefix: queuePrefix() });
  }

  /** Idempotent: a job id already in the queue (waiting, delayed, done) is not added again. */
  async add(jobs: PlannedJob[], now = Date.now()): Promise<void> {
    for (const job of jobs) {
      await this.queue.add(job.data.kind, job.data, {
        jobId: job.jobId,
        delay: Math.max(0, job.dueAt - now),
        attempts: 10,
        backoff: { type: 'exponential', delay: 1_000 },
        // Kept a while so an operator can see what fired; failed ones longer, for the metrics and a retry.
        removeOnComplete: { age: 30 * DAY_S },
        removeOnFail: { age: 90 * DAY_S },
      });
    }
  }

  /** The jobs of an expiry that moved. One that is running cannot be removed; it will find nothing to do. */
  async removeFor(evidenceId: string, expiresAt: string): Promise<void> {
    for (const id of jobIdsFor(evidenceId, expiresAt)) await this.queue.remove(id);
  }

  /** BullMQ leaves a connection it was given open; it is this queue's own, so it goes too. */
  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
