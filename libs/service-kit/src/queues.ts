import IORedis from 'ioredis';

/** Redis connections as BullMQ needs them: commands wait through a reconnect instead of failing. */
export const redisConnection = () => new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });

/** Keys of this deployment's queues; tests may use their own. */
export const queuePrefix = () => process.env.ASSAY_QUEUE_PREFIX ?? 'assay';
