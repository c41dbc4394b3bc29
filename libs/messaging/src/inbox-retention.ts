import { ConfigResourceTypes, Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { Logger, PlatformMetrics, every } from '@assay/observability';

export interface InboxRetentionOptions {
  /** The consumer's topics: the retention is raised to outlast theirs. */
  kafka: Kafka;
  topics: string[];
  /** A pool of the schema's relay role: pruning crosses tenants (migration 002 grants it). */
  pool: Pool;
  schema: string;
  consumer: string;
  /** Asked-for retention; raised to the topics' retention.ms plus a day when that is longer. */
  retentionMs: number;
  batchSize?: number;
  intervalMs?: number;
  logger: Logger;
  metrics?: PlatformMetrics;
}

const DAY_MS = 24 * 3_600_000;

/**
 * Twice Kafka's default topic retention (7 days): a group whose committed offsets expired (also 7
 * days idle) re-reads its topics from the beginning, and Kafka deletes whole segments, so messages
 * can come back a little after their nominal retention. Their inbox rows must still be there.
 */
export const DEFAULT_INBOX_RETENTION_MS = 14 * DAY_MS;

/**
 * The longest retention.ms of the topics (-1: kept forever → Infinity), plus a day for segments
 * deleted late. Undefined when the broker cannot say.
 */
export async function topicRetentionMs(kafka: Kafka, topics: string[]): Promise<number | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
    });
    const values = resources.flatMap((r) => r.configEntries.filter((e) => e.configName === 'retention.ms').map((e) => Number(e.configValue)));
    if (values.length === 0) return undefined;
    return values.some((v) => v < 0) ? Infinity : Math.max(...values) + DAY_MS;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Deletes one consumer's inbox rows older than `olderThan`, `batchSize` rows per statement so no
 * statement holds many locks or runs into the statement timeout. Returns how many it deleted.
 */
export async function pruneInbox(pool: Pool, schema: string, consumer: string, olderThan: Date, batchSize = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `DELETE FROM ${schema}.inbox WHERE (consumer, event_id) IN (
         SELECT consumer, event_id FROM ${schema}.inbox WHERE consumer = $1 AND processed_at < $2 ORDER BY processed_at LIMIT $3)`,
      [consumer, olderThan, batchSize],
    );
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < batchSize) return total;
  }
}

/** Keeps a consumer's inbox from growing forever: prunes it now and then every `intervalMs` (hourly). */
export class InboxRetention {
  private task: { stop: () => Promise<void> } | undefined;

  constructor(private readonly options: InboxRetentionOptions) {}

  start(): void {
    const { pool, schema, consumer, batchSize, intervalMs = 3_600_000, logger, metrics } = this.options;
    this.task ??= every(
      intervalMs,
      async () => {
        const retentionMs = await this.effectiveRetentionMs();
        if (retentionMs === Infinity) return; // the topics keep everything, so must the inbox
        const pruned = await pruneInbox(pool, schema, consumer, new Date(Date.now() - retentionMs), batchSize);
        metrics?.inboxPruned.inc({ consumer }, pruned);
        if (pruned > 0) logger.info({ consumer, pruned }, 'inbox pruned');
      },
      (error) => logger.warn({ err: error, consumer }, 'inbox pruning failed; will try again'),
    );
  }

  /** Never shorter than what the topics can still redeliver; asked again each run (topics can change). */
  private async effectiveRetentionMs(): Promise<number> {
    const { kafka, topics, retentionMs, consumer, logger } = this.options;
    const topicsKeep = await topicRetentionMs(kafka, topics);
    if (topicsKeep === undefined) throw new Error(`retention of ${topics.join(', ')} unknown; not pruning`);
    if (topicsKeep > retentionMs) logger.warn({ consumer, retentionMs, topicsKeep }, 'inbox retention raised to outlast the topics');
    return Math.max(retentionMs, topicsKeep);
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = undefined;
  }
}
