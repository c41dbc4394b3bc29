import { Queryable } from '@assay/postgres';
import { ConcurrencyError } from './concurrency-error';
import { AppendResult, ExpectedVersion, NewEvent, ReadAllCheckpoint, StoredEvent } from './event-types';

const COLUMNS = `global_position, transaction_id, event_id, tenant_id, stream_id, stream_version,
  event_type, schema_version, data, metadata, occurred_at`;

/**
 * Append-only event store in one service's schema. Methods take the caller's client so that an
 * append joins the caller's transaction: the tenant set for it (row-level security) and, for
 * consumers, the inbox row written beside it.
 */
export class PostgresEventStore {
  constructor(private readonly schema: string) {}

  async appendToStream(
    client: Queryable,
    tenantId: string,
    streamId: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const bumped = await this.bumpStreamVersion(client, tenantId, streamId, events.length, expected);
    const firstVersion = bumped - events.length + 1;
    const inserted = await client.query<{ global_position: string }>(
      `INSERT INTO ${this.schema}.events
         (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       SELECT e.event_id, $1, $2, $3 + e.ord - 1, e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at
       FROM unnest($4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::timestamptz[])
         WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, occurred_at, ord)
       ORDER BY e.ord
       RETURNING global_position`,
      [
        tenantId,
        streamId,
        firstVersion,
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion ?? 1),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata ?? {})),
        events.map((e) => e.occurredAt.toISOString()),
      ],
    );
    return { nextExpectedVersion: bumped, globalPositions: inserted.rows.map((r) => BigInt(r.global_position)) };
  }

  /** Compare-and-set on the stream row; returns the stream's new version or throws ConcurrencyError. */
  private async bumpStreamVersion(
    client: Queryable,
    tenantId: string,
    streamId: string,
    count: number,
    expected: ExpectedVersion,
  ): Promise<number> {
    const table = `${this.schema}.streams`;
    let result;
    if (expected === 'no_stream') {
      result = await client.query<{ version: number }>(
        `INSERT INTO ${table} (tenant_id, stream_id, version) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, stream_id) DO NOTHING RETURNING version`,
        [tenantId, streamId, count],
      );
    } else if (expected === 'any') {
      result = await client.query<{ version: number }>(
        `INSERT INTO ${table} AS s (tenant_id, stream_id, version) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = s.version + $3 RETURNING version`,
        [tenantId, streamId, count],
      );
    } else {
      result = await client.query<{ version: number }>(
        `UPDATE ${table} SET version = version + $4
         WHERE tenant_id = $1 AND stream_id = $2 AND version = $3 RETURNING version`,
        [tenantId, streamId, expected, count],
      );
    }
    if (result.rowCount === 1) return result.rows[0].version;
    const actual = await this.streamVersion(client, tenantId, streamId);
    throw new ConcurrencyError(streamId, expected, actual);
  }

  async streamVersion(client: Queryable, tenantId: string, streamId: string): Promise<number | undefined> {
    const row = await client.query<{ version: number }>(
      `SELECT version FROM ${this.schema}.streams WHERE tenant_id = $1 AND stream_id = $2`,
      [tenantId, streamId],
    );
    return row.rows[0]?.version;
  }

  async readStream(client: Queryable, tenantId: string, streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const rows = await client.query(
      `SELECT ${COLUMNS} FROM ${this.schema}.events
       WHERE tenant_id = $1 AND stream_id = $2 AND stream_version > $3 ORDER BY stream_version`,
      [tenantId, streamId, afterVersion],
    );
    return rows.rows.map(toStoredEvent);
  }

  /**
   * Events after a checkpoint in (transaction, position) order, limited to transactions older than
   * every transaction still running. A transaction that took a lower global position but commits
   * later is therefore read once it commits instead of being skipped — the flaw of a plain
   * `global_position > checkpoint` read (see emmett's readMessagesBatch and eugene-khyst 4.7).
   */
  async readAll(client: Queryable, after: ReadAllCheckpoint, limit: number): Promise<StoredEvent[]> {
    const rows = await client.query(
      `SELECT ${COLUMNS} FROM ${this.schema}.events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, global_position
       LIMIT $3`,
      [after.transactionId.toString(), after.globalPosition.toString(), limit],
    );
    return rows.rows.map(toStoredEvent);
  }
}

function toStoredEvent(row: Record<string, unknown>): StoredEvent {
  return {
    globalPosition: BigInt(row.global_position as string),
    transactionId: BigInt(row.transaction_id as string),
    eventId: row.event_id as string,
    tenantId: row.tenant_id as string,
    streamId: row.stream_id as string,
    streamVersion: row.stream_version as number,
    type: row.event_type as string,
    schemaVersion: row.schema_version as number,
    data: row.data,
    metadata: row.metadata as StoredEvent['metadata'],
    occurredAt: row.occurred_at as Date,
  };
}
