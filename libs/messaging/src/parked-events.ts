import { Queryable } from '@assay/postgres';

export interface ParkedEventView {
  relayName: string;
  eventId: string;
  tenantId: string;
  streamId: string;
  streamVersion: number;
  eventType: string;
  reason: 'failed' | 'held';
  error: string | null;
  attempts: number;
  parkedAt: Date;
  retryRequestedAt: Date | null;
}

/** Which parked streams to retry: all, one stream, or the stream of one event. */
export type ParkedSelector = { all: true } | { tenantId: string; streamId: string } | { eventId: string };

/** The relay dead-letter table of a service schema, for operators (deploy/tools/relay-parked). */
export async function listParkedEvents(db: Queryable, schema: string, relayName?: string): Promise<ParkedEventView[]> {
  const { rows } = await db.query(
    `SELECT relay_name, event_id, tenant_id, stream_id, stream_version, event_type, reason, error, attempts, parked_at, retry_requested_at
     FROM ${schema}.relay_parked_events WHERE $1::text IS NULL OR relay_name = $1
     ORDER BY relay_name, transaction_id, global_position`,
    [relayName ?? null],
  );
  return rows.map((r) => ({
    relayName: r.relay_name,
    eventId: r.event_id,
    tenantId: r.tenant_id,
    streamId: r.stream_id,
    streamVersion: r.stream_version,
    eventType: r.event_type,
    reason: r.reason,
    error: r.error,
    attempts: r.attempts,
    parkedAt: r.parked_at,
    retryRequestedAt: r.retry_requested_at,
  }));
}

/**
 * Asks the leading relay to republish the selected streams' parked events, in order, once the
 * cause is fixed (a new translator or contract deployed). Retries are per stream: republishing one
 * event of a stream while an earlier one stays parked would break the stream's order. Returns the
 * number of parked events marked.
 */
export async function requestParkedRetry(db: Queryable, schema: string, selector: ParkedSelector): Promise<number> {
  const streams =
    'all' in selector
      ? `SELECT DISTINCT relay_name, tenant_id, stream_id FROM ${schema}.relay_parked_events`
      : 'eventId' in selector
        ? `SELECT relay_name, tenant_id, stream_id FROM ${schema}.relay_parked_events WHERE event_id = $1::uuid`
        : `SELECT DISTINCT relay_name, tenant_id, stream_id FROM ${schema}.relay_parked_events WHERE tenant_id = $1::uuid AND stream_id = $2`;
  const params = 'all' in selector ? [] : 'eventId' in selector ? [selector.eventId] : [selector.tenantId, selector.streamId];
  const { rowCount } = await db.query(
    `UPDATE ${schema}.relay_parked_events p SET retry_requested_at = now()
     FROM (${streams}) s WHERE p.relay_name = s.relay_name AND p.tenant_id = s.tenant_id AND p.stream_id = s.stream_id`,
    params,
  );
  return rowCount ?? 0;
}
