import { Pool } from 'pg';
import { Logger, PlatformMetrics, every } from '@assay/observability';

export interface InboxRetentionOptions {
  /** A pool of the schema's relay role: pruning crosses tenants (migration 002 grants it). */
  pool: Pool;
  schema: string;
  consumer: string;
  /** Longer than any redelivery can come late: the subscribed topics' retention (Kafka's default is 7 days). */
  retentionMs: number;
  batchSize?: number;
  intervalMs?: number;
  logger: Logger;
  metrics?: PlatformMetrics;
}

export const DEFAULT_INBOX_RETENTION_MS = 7 * 24 * 3_600_000;

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
    const { pool, schema, consumer, retentionMs, batchSize, intervalMs = 3_600_000, logger, metrics } = this.options;
    this.task ??= every(
      intervalMs,
      async () => {
        const pruned = await pruneInbox(pool, schema, consumer, new Date(Date.now() - retentionMs), batchSize);
        metrics?.inboxPruned.inc({ consumer }, pruned);
        if (pruned > 0) logger.info({ consumer, pruned }, 'inbox pruned');
      },
      (error) => logger.warn({ err: error, consumer }, 'inbox pruning failed; will try again'),
    );
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = undefined;
  }
}
