import { PostgresEventStore, StoredEvent } from '@assay/event-store';
import { Logger, PlatformMetrics } from '@assay/observability';
import { Queryable } from '@assay/postgres';

export interface ParkedEntry {
  event: StoredEvent;
  reason: 'failed' | 'held';
  error?: unknown;
}

interface ParkedRow {
  event_id: string;
  tenant_id: string;
  stream_id: string;
  reason: 'failed' | 'held';
  retry_requested_at: Date | null;
}

const streamKey = (tenantId: string, streamId: string) => `${tenantId}/${streamId}`;

/**
 * The relay's dead-letter table (relay_parked_events). A stored event that cannot be translated or
 * validated is parked with its error, and every later event of its stream is parked behind it
 * ("held"), so publishing carries on for every other stream while this one keeps its order. When
 * an operator requests a retry (parked-events.ts), the leading relay republishes the stream's
 * parked events in order, before its next batch, and the stream flows again.
 */
export class RelayParking {
  private readonly parkedStreams = new Set<string>();

  constructor(
    private readonly schema: string,
    private readonly relayName: string,
    private readonly store: PostgresEventStore,
    private readonly logger: Logger,
    private readonly metrics?: PlatformMetrics,
  ) {}

  /** Streams with parked events, read when the relay becomes leader and after retries. */
  async load(session: Queryable): Promise<void> {
    const { rows } = await session.query<{ tenant_id: string; stream_id: string }>(
      `SELECT DISTINCT tenant_id, stream_id FROM ${this.schema}.relay_parked_events WHERE relay_name = $1`,
      [this.relayName],
    );
    this.parkedStreams.clear();
    for (const r of rows) this.parkedStreams.add(streamKey(r.tenant_id, r.stream_id));
  }

  holds(event: StoredEvent): boolean {
    return this.parkedStreams.has(streamKey(event.tenantId, event.streamId));
  }

  /** Parks the event's stream from now on (its later events are held). */
  hold(event: StoredEvent): void {
    this.parkedStreams.add(streamKey(event.tenantId, event.streamId));
  }

  /** Idempotent: a batch retried after a broker error parks the same events again as no-ops. */
  async park(session: Queryable, entries: ParkedEntry[]): Promise<void> {
    for (const { event, reason, error } of entries) {
      this.hold(event);
      const message = error === undefined ? null : (error instanceof Error ? error.message : String(error)).slice(0, 4_000);
      const { rowCount } = await session.query(
        `INSERT INTO ${this.schema}.relay_parked_events
           (relay_name, event_id, transaction_id, global_position, tenant_id, stream_id, stream_version, event_type, reason, error)
         VALUES ($1, $2, $3::xid8, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [this.relayName, event.eventId, event.transactionId.toString(), event.globalPosition.toString(), event.tenantId, event.streamId, event.streamVersion, event.type, reason, message],
      );
      if (!rowCount) continue;
      this.metrics?.relayParked.inc({ relay: this.relayName, reason });
      const detail = { relay: this.relayName, eventId: event.eventId, eventType: event.type, streamId: event.streamId, streamVersion: event.streamVersion, tenantId: event.tenantId };
      if (reason === 'failed') this.logger.error({ ...detail, err: error }, 'relay parked an event it cannot publish; its stream is held until a retry');
      else this.logger.warn(detail, 'relay held an event behind a parked one of its stream');
    }
  }

  /**
   * Republishes, stream by stream and in version order, the parked events of streams an operator
   * asked to retry: requested events and the events held behind them. An event that still fails
   * stays parked with its new error, and so do the events after it. Returns how many were published.
   */
  async retryRequested(session: Queryable, publishEvent: (event: StoredEvent) => Promise<void>): Promise<number> {
    const { rows } = await session.query<ParkedRow>(
      `SELECT p.event_id, p.tenant_id, p.stream_id, p.reason, p.retry_requested_at FROM ${this.schema}.relay_parked_events p
       WHERE p.relay_name = $1 AND EXISTS (SELECT 1 FROM ${this.schema}.relay_parked_events r
         WHERE r.relay_name = p.relay_name AND r.tenant_id = p.tenant_id AND r.stream_id = p.stream_id AND r.retry_requested_at IS NOT NULL)
       ORDER BY p.tenant_id, p.stream_id, p.stream_version`,
      [this.relayName],
    );
    if (rows.length === 0) return 0;
    const events = new Map((await this.store.readEventsById(session, rows.map((r) => r.event_id))).map((e) => [e.eventId, e]));
    let published = 0;
    const stopped = new Set<string>();
    for (const row of rows) {
      const key = streamKey(row.tenant_id, row.stream_id);
      // A failed event nobody asked to retry keeps its stream parked.
      if (stopped.has(key) || (row.reason === 'failed' && !row.retry_requested_at)) {
        stopped.add(key);
        continue;
      }
      try {
        const event = events.get(row.event_id);
        if (!event) throw new Error('stored event not found');
        await publishEvent(event);
        await session.query(`DELETE FROM ${this.schema}.relay_parked_events WHERE relay_name = $1 AND event_id = $2`, [this.relayName, row.event_id]);
        published++;
      } catch (error) {
        stopped.add(key);
        await session.query(
          `UPDATE ${this.schema}.relay_parked_events SET reason = 'failed', error = $3, attempts = attempts + 1 WHERE relay_name = $1 AND event_id = $2`,
          [this.relayName, row.event_id, (error instanceof Error ? error.message : String(error)).slice(0, 4_000)],
        );
        this.logger.error({ err: error, relay: this.relayName, eventId: row.event_id, streamId: row.stream_id }, 'parked event still cannot be published');
      }
    }
    // Only the requests this pass saw: one made meanwhile is served by the next pass.
    await session.query(`UPDATE ${this.schema}.relay_parked_events SET retry_requested_at = NULL WHERE relay_name = $1 AND event_id = ANY($2::uuid[])`, [
      this.relayName,
      rows.map((r) => r.event_id),
    ]);
    await this.load(session);
    return published;
  }
}
