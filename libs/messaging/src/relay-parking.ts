import { PostgresEventStore, StoredEvent } from '@assay/event-store';
import { Logger, PlatformMetrics } from '@assay/observability';
import { Queryable } from '@assay/postgres';
import { errorText } from './error-text';
import { OutboundMessage } from './message-publisher';

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
  /** clock_timestamp() of the pass, as PostgreSQL's text (microseconds kept). */
  seen_at: string;
}

export const streamKey = (tenantId: string, streamId: string) => `${tenantId}/${streamId}`;

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
    // Asked for every relayed event; nearly always nothing is parked, and then no key is built.
    return this.parkedStreams.size > 0 && this.parkedStreams.has(streamKey(event.tenantId, event.streamId));
  }

  /** Idempotent: a batch retried after a broker error parks the same events again as no-ops. */
  async park(session: Queryable, entries: ParkedEntry[]): Promise<void> {
    for (const { event, reason, error } of entries) {
      this.parkedStreams.add(streamKey(event.tenantId, event.streamId));
      const message = error === undefined ? null : errorText(error, 4_000);
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
   * Republishes parked events, stream by stream and in version order: streams an operator asked to
   * retry, and streams holding only "held" events (their failed event was republished). A stream's
   * messages go out in one publish; an event that still fails stays parked with its new error, and
   * so do the events after it. A broker error is thrown (the relay backs off and serves the request
   * again), never recorded as the event's failure. At most `limit` rows per pass, so a large retry
   * shares the relay with every other tenant's new events. Returns how many events were published.
   */
  async retryRequested(
    session: Queryable,
    translate: (event: StoredEvent) => OutboundMessage[],
    publish: (messages: OutboundMessage[]) => Promise<void>,
    limit = 1_000,
  ): Promise<number> {
    const table = `${this.schema}.relay_parked_events`;
    const { rows } = await session.query<ParkedRow>(
      `SELECT p.event_id, p.tenant_id, p.stream_id, p.reason, p.retry_requested_at, clock_timestamp()::text AS seen_at FROM ${table} p
       WHERE p.relay_name = $1 AND (p.tenant_id, p.stream_id) IN (
         SELECT tenant_id, stream_id FROM ${table} WHERE relay_name = $1 GROUP BY tenant_id, stream_id
         HAVING bool_or(retry_requested_at IS NOT NULL) OR NOT bool_or(reason = 'failed'))
       ORDER BY p.tenant_id, p.stream_id, p.stream_version LIMIT $2`,
      [this.relayName, limit],
    );
    if (rows.length === 0) return 0;
    const events = new Map((await this.store.readEventsById(session, rows.map((r) => r.event_id))).map((e) => [e.eventId, e]));
    let published = 0;
    for (const streamRows of groupByStream(rows)) {
      const messages: OutboundMessage[] = [];
      const done: string[] = [];
      let failure: { row: ParkedRow; error: unknown } | undefined;
      for (const row of streamRows) {
        if (row.reason === 'failed' && !row.retry_requested_at) break; // nobody asked: it stays parked
        try {
          const event = events.get(row.event_id);
          if (!event) throw new Error('stored event not found');
          messages.push(...translate(event));
          done.push(row.event_id);
        } catch (error) {
          failure = { row, error };
          break;
        }
      }
      if (done.length > 0) {
        await publish(messages);
        await session.query(`DELETE FROM ${table} WHERE relay_name = $1 AND event_id = ANY($2::uuid[])`, [this.relayName, done]);
        published += done.length;
      }
      if (failure) {
        await session.query(`UPDATE ${table} SET reason = 'failed', error = $3, attempts = attempts + 1 WHERE relay_name = $1 AND event_id = $2`, [
          this.relayName,
          failure.row.event_id,
          errorText(failure.error, 4_000),
        ]);
        this.logger.error({ err: failure.error, relay: this.relayName, eventId: failure.row.event_id, streamId: failure.row.stream_id }, 'parked event still cannot be published');
      }
    }
    // Only requests this pass saw: one made meanwhile (a later timestamp) is served by the next pass.
    // seen_at travels as text: a JS Date would cut its microseconds and miss a request of the same millisecond.
    await session.query(`UPDATE ${table} SET retry_requested_at = NULL WHERE relay_name = $1 AND event_id = ANY($2::uuid[]) AND retry_requested_at <= $3::timestamptz`, [
      this.relayName,
      rows.map((r) => r.event_id),
      rows[0].seen_at,
    ]);
    await this.load(session);
    return published;
  }
}

function groupByStream(rows: ParkedRow[]): ParkedRow[][] {
  const streams = new Map<string, ParkedRow[]>();
  for (const row of rows) {
    const key = streamKey(row.tenant_id, row.stream_id);
    streams.set(key, [...(streams.get(key) ?? []), row]);
  }
  return [...streams.values()];
}
