import { Pool, PoolClient } from 'pg';
import { PostgresEventStore, ReadAllCheckpoint, ReadAllSession, START_OF_LOG, StoredEvent, onEventsAppended } from '@assay/event-store';
import { Logger, PlatformMetrics, every } from '@assay/observability';
import { Queryable } from '@assay/postgres';
import { EventContractRegistry } from './contract-registry';
import { backoffMs } from './error-text';
import { MessagePublisher, OutboundMessage } from './message-publisher';
import { IntegrationTranslator, outboundMessages } from './relay-outbound';
import { ParkedEntry, RelayParking, streamKey } from './relay-parking';
import { RelaySample, sampleRelay } from './relay-sample';

export type { IntegrationTranslator } from './relay-outbound';

/** A stored event with its messages, or the error that keeps it off the wire. */
type Translated = { event: StoredEvent; messages: OutboundMessage[] } | { event: StoredEvent; error: unknown };

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
  /** Poll interval when idle: the fallback, since a commit that appends events wakes the leader at once (NOTIFY). */
  idleDelayMs?: number;
  /** How often retry requests for parked events are looked for. */
  retryCheckIntervalMs?: number;
  /** How often backlog, oldest unpublished age and parked count are measured for /metrics. */
  sampleIntervalMs?: number;
  /** Warn when the oldest unpublished event is older than this (a long transaction, a broker outage). */
  stalledAfterMs?: number;
}

/**
 * Publishes a service's stored events to Kafka: the event store is the outbox. The checkpoint moves
 * only after the broker acknowledged the batch, so a crash anywhere republishes rather than loses;
 * consumers deduplicate on the envelope id. One relay per schema and name holds a PostgreSQL
 * advisory lock, so a second instance waits instead of publishing out of order. An event that
 * cannot be translated or validated is parked (RelayParking) instead of stopping every tenant.
 */
export class EventRelay {
  private readonly store: PostgresEventStore;
  private readonly parking: RelayParking;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private sampler: { stop: () => Promise<void> } | undefined;
  private leaderClient: PoolClient | undefined;
  /**
   * The pooled session pages are read on (ReadAllSession), held from the first read until the relay
   * steps down or stops, then destroyed (its planner settings are for the page query alone). Not
   * the leader's: its checkpoint write would make the next page's query wait for its commit, and
   * its other queries would plan with sorts off. A leading relay holds two sessions.
   */
  private reader: { session: ReadAllSession; client: PoolClient; ignoreLostSession: () => void } | undefined;
  private wake: (() => void) | undefined;
  /** A commit notification arrived while the relay was busy: the next pause returns at once. */
  private notified = false;
  /** Only the leader moves the checkpoint, so it keeps it in memory between batches. */
  private checkpoint: ReadAllCheckpoint | undefined;
  /** The batch after the checkpoint, read and translated while the previous batch was being acknowledged. */
  private prefetched: Translated[] | undefined;
  /** The stored checkpoint's update for the last acknowledged batch, overlapping the next batch's publishing. */
  private checkpointWrite: Promise<void> | undefined;
  /** Stops listening to this process's append signals. */
  private unsubscribe: (() => void) | undefined;
  /** A NOTIFY to the leader is being sent; `forwardAgain`: a commit came meanwhile, send one more. */
  private forwarding = false;
  private forwardAgain = false;
  private parkingLoaded = false;
  private lastRetryCheck = 0;
  private lastStallWarning = 0;
  private lastSampleWarning = 0;

  constructor(private readonly options: EventRelayOptions) {
    this.store = new PostgresEventStore(options.schema);
    this.parking = new RelayParking(options.schema, options.name, this.store, options.logger, options.metrics);
  }

  start(): void {
    this.stopping = false;
    this.unsubscribe ??= onEventsAppended(this.options.schema, () => this.onLocalAppend());
    this.loop ??= this.run();
    this.sampler ??= every(this.options.sampleIntervalMs ?? 5_000, () => this.recordSample(), (error) => this.sampleFailed(error));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.wake?.();
    await Promise.all([this.loop, this.sampler?.stop()]);
    this.closeReader(); // publishBatch may have been called without the loop
    this.loop = undefined;
    this.sampler = undefined;
  }

  /** Publishes at most one batch (after any requested retries of parked events). Returns how many stored events it moved past. */
  async publishBatch(): Promise<number> {
    const { pool, name, topic, publisher } = this.options;
    const session = this.leaderClient ?? pool;
    const checkpoint = (this.checkpoint ??= await this.readCheckpoint());
    await this.serveParkedRetries(session);
    const events = this.prefetched ?? (await this.readPage(checkpoint));
    this.prefetched = undefined;
    if (events.length === 0) return 0;
    const { messages, parked } = this.judge(events);
    const { event: last } = events[events.length - 1];
    const next: ReadAllCheckpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    // Read and translate the following batch while the broker acknowledges this one. Neither has
    // an effect, no event can later appear before what readAll returned (it stops below running
    // transactions), and whether an event is held behind a parked one is judged only when its
    // batch is published. The page query is sent before publishing starts: the client encodes a
    // batch synchronously, so a query sent after it would leave PostgreSQL idle meanwhile.
    const read = this.readPage(next);
    const [, following] = await Promise.all([publisher.publish(topic, messages), read]);
    // Parked only once the batch's earlier events are on the wire: a retry served before this batch
    // was acknowledged could otherwise publish a stream's version 2 ahead of its version 1.
    if (parked.length > 0) await this.parking.park(session, parked);
    // The broker has the batch, so the stored checkpoint may move past it. While a backlog lasts, the
    // update runs as the next batch is published (one at a time, in order, on the leader's session):
    // awaited in turn, it was a serial commit per batch. If it fails, the next call throws and the
    // relay restarts from the older stored checkpoint: republishing, which consumers deduplicate,
    // never a gap. Caught up, it is awaited, so the stored checkpoint (and the backlog) is exact.
    await this.settleCheckpointWrite();
    this.checkpointWrite = this.saveCheckpoint(session, next);
    this.checkpointWrite.catch(() => undefined); // surfaced by settleCheckpointWrite
    if (following.length === 0) await this.settleCheckpointWrite();
    this.checkpoint = next;
    this.prefetched = following.length > 0 ? following : undefined;
    this.options.metrics?.relayPublished.inc({ relay: name }, messages.length);
    return events.length;
  }

  /** Backlog, age of the oldest unpublished event and parked count; what /metrics shows. */
  sample(): Promise<RelaySample> {
    return sampleRelay(this.options.pool, this.options.schema, this.options.name);
  }

  /** Stored events the relay has not yet moved past: the outbox backlog. */
  async backlog(): Promise<number> {
    return (await this.sample()).backlog;
  }

  /**
   * The page after `after`, translated. Its query is sent before this first yields, unless the
   * reading session is still to be opened (the first page).
   */
  private async readPage(after: ReadAllCheckpoint): Promise<Translated[]> {
    const reader = this.reader ?? (await this.openReader());
    try {
      return this.translateEach(await reader.session.read(after, this.options.batchSize ?? 500));
    } catch (error) {
      this.closeReader(reader); // a failed session is not reused
      throw error;
    }
  }

  private async openReader(): Promise<NonNullable<EventRelay['reader']>> {
    const client = await this.options.pool.connect();
    // A checked-out session has no listener of the pool's: a server that terminates it (restart,
    // failover) would emit an unhandled 'error' and end the process. The query fails instead.
    const ignoreLostSession = () => undefined;
    client.on('error', ignoreLostSession);
    let session: ReadAllSession;
    try {
      session = await ReadAllSession.open(client, this.options.schema);
    } catch (error) {
      client.release(true);
      throw error;
    }
    if (this.reader) {
      client.release(true); // another call opened one meanwhile
      return this.reader;
    }
    this.reader = { session, client, ignoreLostSession };
    return this.reader;
  }

  /** Destroys the reading session. Only the current one: a read failing late must not close its successor. */
  private closeReader(reader = this.reader): void {
    if (!reader || reader !== this.reader) return;
    this.reader = undefined;
    reader.client.off('error', reader.ignoreLostSession);
    reader.client.release(true);
  }

  /** Each event's messages, or why it has none; pure, so it may run ahead of publishing. */
  private translateEach(events: StoredEvent[]): Translated[] {
    const { translate, contracts } = this.options;
    return events.map((event) => {
      try {
        return { event, messages: outboundMessages(event, translate, contracts) };
      } catch (error) {
        return { event, error };
      }
    });
  }

  /** What goes on the wire now, and what is parked: failed events, and the rest of their streams. */
  private judge(events: Translated[]): { messages: OutboundMessage[]; parked: ParkedEntry[] } {
    const messages: OutboundMessage[] = [];
    const parked: ParkedEntry[] = [];
    // Streams that fail in this batch hold their later events in it; they join the parked set
    // only once park() has stored them, so a batch that fails to publish is judged afresh.
    const failedHere = new Set<string>();
    for (const translated of events) {
      const { event } = translated;
      // No stream key is built per event unless a stream of this batch failed.
      if (this.parking.holds(event) || (failedHere.size > 0 && failedHere.has(streamKey(event.tenantId, event.streamId)))) {
        parked.push({ event, reason: 'held' });
      } else if ('error' in translated) {
        parked.push({ event, reason: 'failed', error: translated.error });
        failedHere.add(streamKey(event.tenantId, event.streamId));
      } else {
        messages.push(...translated.messages);
      }
    }
    return { messages, parked };
  }

  private async serveParkedRetries(session: Queryable): Promise<void> {
    if (!this.parkingLoaded) {
      await this.parking.load(session);
      this.parkingLoaded = true;
    }
    const { retryCheckIntervalMs = 1_000, publisher, topic, translate, contracts, name } = this.options;
    if (Date.now() - this.lastRetryCheck < retryCheckIntervalMs) return;
    this.lastRetryCheck = Date.now();
    const republished = await this.parking.retryRequested(
      session,
      (event) => outboundMessages(event, translate, contracts),
      (messages) => publisher.publish(topic, messages),
    );
    if (republished > 0) this.options.logger.info({ relay: name, republished }, 'parked events republished');
  }

  /** A gauge that cannot be measured disappears (alert on absence) rather than freezing at its last value. */
  private sampleFailed(error: unknown): void {
    const { metrics, name, logger } = this.options;
    for (const gauge of [metrics?.relayBacklog, metrics?.relayOldestUnpublishedAge, metrics?.relayParkedEvents]) gauge?.remove({ relay: name });
    if (Date.now() - this.lastSampleWarning > 60_000) {
      this.lastSampleWarning = Date.now();
      logger.warn({ err: error, relay: name }, 'relay cannot be measured; its backlog gauges are withdrawn until it can');
    }
  }

  private async recordSample(): Promise<void> {
    const { metrics, name, logger, stalledAfterMs = 30_000 } = this.options;
    const sample = await this.sample();
    metrics?.relayBacklog.set({ relay: name }, sample.backlog);
    metrics?.relayOldestUnpublishedAge.set({ relay: name }, sample.oldestUnpublishedAgeSeconds);
    metrics?.relayParkedEvents.set({ relay: name }, sample.parked);
    if (sample.oldestUnpublishedAgeSeconds * 1_000 > stalledAfterMs && Date.now() - this.lastStallWarning > 60_000) {
      this.lastStallWarning = Date.now();
      logger.warn(
        { relay: name, backlog: sample.backlog, oldestUnpublishedAgeSeconds: Math.round(sample.oldestUnpublishedAgeSeconds), heldByRunningTransaction: sample.heldByRunningTransaction },
        sample.heldByRunningTransaction
          ? 'relay is stalled: a long-running transaction on the server holds back the events it may read (see pg_stat_activity, oldest xact_start)'
          : 'relay is behind: the oldest unpublished event is older than the threshold',
      );
    }
  }

  /** Waits for the pending checkpoint write; its failure is thrown here. */
  private async settleCheckpointWrite(): Promise<void> {
    const write = this.checkpointWrite;
    this.checkpointWrite = undefined;
    await write;
  }

  /**
   * Written through the session that holds the advisory lock: if that session was lost (and with
   * it the lock, so another instance may lead now) the write fails and this instance steps down.
   * Monotonic, so a stale leader can never move the checkpoint backwards.
   */
  private async saveCheckpoint(session: Queryable, next: ReadAllCheckpoint): Promise<void> {
    const { schema, name } = this.options;
    await session.query(
      `UPDATE ${schema}.relay_checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now()
       WHERE relay_name = $1 AND (transaction_id, global_position) < ($2::xid8, $3::bigint)`,
      [name, next.transactionId.toString(), next.globalPosition.toString()],
    );
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
    const { logger, idleDelayMs = 250 } = this.options;
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
        const delay = backoffMs(failures + 1, 100, 5_000);
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
    // Only the leader keeps this session; a standby hands it back, without the listener, every poll.
    const ignoreLostSession = () => undefined;
    client.on('error', ignoreLostSession);
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `relay:${this.options.schema}:${this.options.name}`,
      ]);
      if (!rows[0].locked) {
        client.off('error', ignoreLostSession);
        client.release();
        return false;
      }
      // The leader listens for appends on its own session (destroyed, with the listener, on release).
      client.on('notification', () => this.onAppended());
      await client.query(`LISTEN ${this.options.schema}_events_appended`);
    } catch (error) {
      client.release(true); // a broken session must not go back to the pool (and keep the lock)
      throw error;
    }
    this.leaderClient = client;
    return true;
  }

  private async releaseLeadership(): Promise<void> {
    // A failed write leaves the older checkpoint stored: the next leader republishes from there.
    await this.settleCheckpointWrite().catch(() => undefined);
    const client = this.leaderClient;
    this.leaderClient = undefined;
    this.checkpoint = undefined;
    this.prefetched = undefined;
    this.closeReader();
    this.parkingLoaded = false;
    this.notified = false;
    // Destroying the session releases the advisory lock even if the connection is already broken.
    client?.release(true);
  }

  private onAppended(): void {
    this.notified = true;
    this.wake?.();
  }

  /**
   * A commit in this process appended events. The leader wakes; a standby tells the leader (in
   * another process) with a NOTIFY of its own, outside the appending transaction and coalesced:
   * at most one in flight, and one more after it if commits came meanwhile, so every commit is
   * followed by a notification sent after it.
   */
  private onLocalAppend(): void {
    if (this.leaderClient) return this.onAppended();
    if (this.forwarding) {
      this.forwardAgain = true;
      return;
    }
    this.forwarding = true;
    void (async () => {
      try {
        do {
          this.forwardAgain = false;
          await this.options.pool.query("SELECT pg_notify($1, '')", [`${this.options.schema}_events_appended`]);
        } while (this.forwardAgain);
      } catch (error) {
        // The leader's polling finds the events; the notification only makes it sooner.
        this.options.logger.debug({ err: error, relay: this.options.name }, 'could not notify the leading relay');
      } finally {
        this.forwarding = false;
      }
    })();
  }

  private pause(ms: number): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.notified = false;
        resolve();
      };
    });
  }
}
