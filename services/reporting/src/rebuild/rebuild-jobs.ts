import { BeforeApplicationShutdown, HttpStatus, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Logger } from '@assay/observability';
import { serviceRoles } from '@assay/postgres';
import { LOGGER, ProblemError, QueueUnavailableProblem, SERVICE_CONFIG, ServiceConfig, adminDatabaseUrl, queuePrefix, redisConnection, redisProducerConnection } from '@assay/service-kit';
import type { components } from '@assay/api-types/reporting';
import { LogIncompleteError, RebuildAlreadyRunningError, RebuildProgress, RebuildResult, rebuildReadModels } from './read-model-rebuild';

export type RebuildView = components['schemas']['ReadModelRebuild'];
export const REBUILD_QUEUE = 'reporting-read-model-rebuilds';

interface RebuildJob {
  requestedBy: string;
  requestedAt: string;
}

const DAY_S = 86_400;

/**
 * Rebuilds as BullMQ jobs, one at a time, run by a worker in the reporting process
 * (REPORTING_REBUILD_WORKER=off leaves them to other instances). The job's progress is the
 * rebuild's, so the API shows events done, rate and time left while it runs; a job interrupted by
 * a crash is picked up again and starts over (the rebuild drops what the last attempt left).
 */
@Injectable()
export class RebuildJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly connection = redisProducerConnection();
  private readonly queue = new Queue<RebuildJob, RebuildResult>(REBUILD_QUEUE, { connection: this.connection, prefix: queuePrefix() });
  private worker: Worker<RebuildJob, RebuildResult> | undefined;
  private workerConnection: ReturnType<typeof redisConnection> | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.REPORTING_REBUILD_WORKER === 'off') return;
    this.workerConnection = redisConnection();
    this.worker = new Worker<RebuildJob, RebuildResult>(
      REBUILD_QUEUE,
      (job: Job<RebuildJob, RebuildResult>) =>
        rebuildReadModels({
          adminUrl: adminDatabaseUrl(),
          roles: serviceRoles(this.config.schema),
          onProgress: async (progress) => {
            await job.updateProgress(progress as unknown as object);
            this.logger.info({ jobId: job.id, ...progress }, 'read-model rebuild progress');
          },
        }).catch((error: unknown) => {
          // Trying again cannot help a log that lacks events, or a rebuild another one is running.
          if (error instanceof LogIncompleteError || error instanceof RebuildAlreadyRunningError) throw new UnrecoverableError(error.message);
          throw error;
        }),
      { connection: this.workerConnection, prefix: queuePrefix(), concurrency: 1, lockDuration: 60_000 },
    );
    this.worker.on('failed', (job, error) => this.logger.warn({ err: error, jobId: job?.id }, 'read-model rebuild failed; the live read models are unchanged'));
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'rebuild worker error (Redis connection?)'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.workerConnection?.disconnect();
    await this.queue.close();
    this.connection.disconnect();
  }

  /** One rebuild at a time: a request while one waits or runs is refused with that one's id. */
  async request(requestedBy: string): Promise<RebuildView> {
    const pending = await this.queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']).catch((error) => {
      throw new QueueUnavailableProblem(error);
    });
    if (pending.length > 0) {
      throw new ProblemError(HttpStatus.CONFLICT, 'rebuild-running', 'A rebuild is already under way', `rebuild ${pending[0].id} has not finished`, { rebuildId: pending[0].id });
    }
    const job = await this.queue
      .add('rebuild', { requestedBy, requestedAt: new Date().toISOString() }, { jobId: randomUUID(), attempts: 2, removeOnComplete: { age: 30 * DAY_S }, removeOnFail: { age: 30 * DAY_S } })
      .catch((error) => {
        throw new QueueUnavailableProblem(error);
      });
    return viewOf(job, 'queued');
  }

  async status(id: string): Promise<RebuildView | undefined> {
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    const state = await job.getState();
    return viewOf(job, state === 'completed' ? 'succeeded' : state === 'failed' ? 'failed' : state === 'active' ? 'running' : 'queued');
  }
}

function viewOf(job: Job<RebuildJob, RebuildResult>, state: RebuildView['state']): RebuildView {
  const progress = typeof job.progress === 'object' ? (job.progress as unknown as RebuildProgress) : null;
  return {
    id: job.id!,
    state,
    requestedAt: job.data.requestedAt,
    progress,
    ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    ...(state === 'succeeded' && job.returnvalue ? { result: job.returnvalue } : {}),
    ...(state === 'failed' ? { error: job.failedReason } : {}),
  };
}
