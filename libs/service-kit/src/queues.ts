import { HttpStatus } from '@nestjs/common';
import IORedis from 'ioredis';
import { ProblemError } from './problem-details';

const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Redis connections as BullMQ workers need them: commands wait through a reconnect instead of failing. */
export const redisConnection = () => new IORedis(redisUrl(), { maxRetriesPerRequest: null });

/**
 * For queues a request adds jobs to: with Redis away, an add fails within a couple of seconds
 * (the caller answers 503) instead of holding the request open until Redis returns.
 */
export const redisProducerConnection = () => new IORedis(redisUrl(), { maxRetriesPerRequest: 2 });

/** Adding a job failed (Redis unreachable): a 503 problem, the request may be retried. */
export class QueueUnavailableProblem extends ProblemError {
  constructor(cause: unknown) {
    super(HttpStatus.SERVICE_UNAVAILABLE, 'queue-unavailable', 'Background jobs are unavailable', `the job could not be queued (${cause instanceof Error ? cause.message : String(cause)}); try again shortly`);
  }
}

/** Keys of this deployment's queues; tests may use their own. */
export const queuePrefix = () => process.env.ASSAY_QUEUE_PREFIX ?? 'assay';
