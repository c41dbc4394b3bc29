import { Pool, PoolClient } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { PostgresEventStore, ReadAllCheckpoint, START_OF_LOG, StoredEvent } from '@assay/event-store';
import { Logger, PlatformMetrics } from '@assay/observability';
import { EventContractRegistry } from './contract-registry';
import { MessagePublisher, OutboundMessage } from './message-publisher';

/** Domain events stay private: the translator decides which become integration events, and how. */
export type IntegrationTranslator = (event: StoredEvent) => IntegrationEnvelope[];

export interface EventRelayOptions {
  name: string;
  schema: string;
  /** A pool connected as the schema's relay role, which may read every tenant's events. */
  pool: Pool;
  topic: string;
  translate: IntegrationTranslator;
  publisher: MessagePublisher;
  contracts: EventContractRegistry;
  logger: Logger;
  metrics?: PlatformMetrics;
  batchSize?: number;
  idleDelayMs?: number;
}

/**
 * Publishes a service's stored events to Kafka: the event store is the outbox. The checkpoint moves
 * only after the broker acknowledged the batch, so a crash anywhere republishes rather than loses;
 * consumers deduplicate on the envelope id. One relay per schema holds a PostgreSQL advisory lock,
 * so a second instance waits instead of publishing out of order.
 */
export class EventRelay {
  private readonly store: PostgresEventStore;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private leaderClient: PoolClient | undefined;
  private wake: (() => void) | undefined;
  /** Only the leader moves the checkpoint, so it keeps it in memory between batches. */
  private checkpoint: ReadAllCheckpoint | undefined;
  /** The batch after the checkpoint, read while the previous batch was being acknowledged. */
  private prefetched: StoredEvent[] | undefined;

  constructor(private readonly options: EventRelayOptions) {
    this.store = new PostgresEventStore(options.schema);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Publishes at most one batch. Returns how many stored events it moved past. */
  async publishBatch(): Promise<number> {
    const { pool, name, batchSize = 500 } = this.options;
    const checkpoint = (this.checkpoint ??= await this.readCheckpoint());
    const events = this.prefetched ?? (await this.store.readAll(pool, checkpoint, batchSize));
    this.prefetched = undefined;
    if (events.length === 0) return 0;
    const messages = events.flatMap((event) => this.options.translate(event).map((e) => this.toMessage(e)));
    const last = events[events.length - 1];
    const next: ReadAllCheckpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    // Read the following batch while the broker acknowledges this one. Reading has no effect, and
    // no event can later appear before what readAll returned (it stops below running transactions).
    const [, following] = await Promise.all([this.options.publisher.publish(this.options.topic, messages), this.store.readAll(pool, next, batchSize)]);
    await this.saveCheckpoint(next);
    this.checkpoint = next;
    this.prefetched = following.length > 0 ? following : undefined;
    this.options.metrics?.relayPublished.inc({ relay: name }, messages.length);
    return events.length;
  }

  /**
   * Written through the session that holds the advisory lock: if that session was lost (and with
   * it the lock, so another instance may lead now) the write fails and this instance steps down.
   * Monotonic, so a stale leader can never move the checkpoint backwards.
   */
  private async saveCheckpoint(next: ReadAllCheckpoint): Promise<void> {
    const { schema, name } = this.options;
    const session = this.leaderClient ?? this.options.pool;
    await session.query(
      `UPDATE ${schema}.relay_checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now()
       WHERE relay_name = $1 AND (transaction_id, global_position) < ($2::xid8, $3::bigint)`,
      [name, next.transactionId.toString(), next.globalPosition.toString()],
    );
  }

  /** Stored events the relay has not yet moved past: the outbox backlog. */
  async backlog(): Promise<number> {
    const checkpoint = await this.readCheckpoint();
    const { rows } = await this.options.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.options.schema}.events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)`,
      [checkpoint.transactionId.toString(), checkpoint.globalPosition.toString()],
    );
    return Number(rows[0].n);
  }

  private toMessage(envelope: IntegrationEnvelope): OutboundMessage {
    this.options.contracts.validate(envelope);
    return {
      key: envelope.tenantId,
      value: JSON.stringify(envelope),
      headers: {
        'event-type': envelope.type,
        'schema-version': String(envelope.schemaVersion),
        'correlation-id': envelope.correlationId,
        ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
      },
    };
  }

  private async readCheckpoint(): Promise<ReadAllCheckpoint> {
    const { schema, name, pool } = this.options;
    await pool.query(`INSERT INTO ${schema}.relay_checkpoints (relay_name) VALUES ($1) ON CONFLICT DO NOTHING`, [name]);
    const { rows } = await pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id, global_position FROM ${schema}.relay_checkpoints WHERE relay_name = $1`,
      [name],
    );
    if (rows.length === 0) return START_OF_LOG;
    return { transactionId: BigInt(rows[0].transaction_id), globalPosition: BigInt(rows[0].global_position) };
  }

  private async run(): Promise<void> {
    const { logger, idleDelayMs = 50 } = this.options;
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!(await this.holdLeadership())) {
          await this.pause(1_000);
          continue;
        }
        const moved = await this.publishBatch();
        failures = 0;
        if (moved === 0) await this.pause(idleDelayMs);
      } catch (error) {
        failures++;
        const delay = Math.min(5_000, 100 * 2 ** Math.min(failures, 6));
        logger.warn({ err: error, relay: this.options.name, retryInMs: delay }, 'relay batch failed; will retry');
        await this.releaseLeadership();
        await this.pause(delay);
      }
    }
    await this.releaseLeadership();
  }

  private async holdLeadership(): Promise<boolean> {
    if (this.leaderClient) return true;
    const client = await this.options.pool.connect();
    client.on('error', () => undefined);
    let locked = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `relay:${this.options.schema}:${this.options.name}`,
      ]);
      locked = rows[0].locked;
    } catch (error) {
      client.release(true); // a broken session must not go back to the pool
      throw error;
    }
    if (!locked) {
      client.release();
      return false;
    }
    this.leaderClient = client;
    return true;
  }

  private async releaseLeadership(): Promise<void> {
    const client = this.leaderClient;
    this.leaderClient = undefined;
    this.checkpoint = undefined;
    this.prefetched = undefined;
    // Destroying the session releases the advisory lock even if the connection is already broken.
    client?.release(true);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
