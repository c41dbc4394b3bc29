import { Queryable } from '@assay/postgres';
import { ConcurrencyError, StreamOrderConflict } from './concurrency-error';
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
    // One round trip: the stream row's compare-and-set feeds the event INSERT, which writes
    // nothing when the CAS matched no row (a conflict).
    // A named (prepared) statement: parsed and planned once per connection, not per append.
    const inserted = await client.query<{ global_position: string; stream_version: number }>({
      name: `append-${this.schema}-${typeof expected === 'number' ? 'expected' : expected}`,
      text: `WITH bumped AS (${this.bumpStreamVersionSql(expected)})
       INSERT INTO ${this.schema}.events
         (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       SELECT e.event_id, $1, $2, bumped.version - $3 + e.ord, e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at
       FROM bumped, unnest($5::uuid[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::timestamptz[])
         WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, occurred_at, ord)
       ORDER BY e.ord
       RETURNING global_position, stream_version`,
      values: [
        tenantId,
        streamId,
        events.length,
        typeof expected === 'number' ? expected : null,
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion ?? 1),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata ?? {})),
        events.map((e) => e.occurredAt.toISOString()),
      ],
    });
    if (inserted.rowCount !== events.length) throw await this.appendRefusal(client, tenantId, streamId, expected);
    return {
      nextExpectedVersion: inserted.rows[inserted.rows.length - 1].stream_version,
      globalPositions: inserted.rows.map((r) => BigInt(r.global_position)),
    };
  }

  /**
   * The compare-and-set on the stream row, returning its new version ($1 tenant, $2 stream, $3 event
   * count, $4 expected version). A losing writer waits on the row lock, then re-checks the version
   * and matches nothing. The row also records the appending transaction: an append from an older
   * transaction than the stream's last one matches nothing either (see migration 002: transaction
   * ids must follow stream versions, or relays would publish version 3 before 1-2).
   */
  private bumpStreamVersionSql(expected: ExpectedVersion): string {
    const table = `${this.schema}.streams`;
    if (expected === 'no_stream') {
      return `INSERT INTO ${table} (tenant_id, stream_id, version, last_transaction_id) SELECT $1, $2, $3, pg_current_xact_id() WHERE $4::int IS NULL
              ON CONFLICT (tenant_id, stream_id) DO NOTHING RETURNING version`;
    }
    if (expected === 'any') {
      return `INSERT INTO ${table} AS s (tenant_id, stream_id, version, last_transaction_id) SELECT $1, $2, $3, pg_current_xact_id() WHERE $4::int IS NULL
              ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = s.version + $3, last_transaction_id = excluded.last_transaction_id
              WHERE s.last_transaction_id <= excluded.last_transaction_id RETURNING version`;
    }
    return `UPDATE ${table} SET version = version + $3, last_transaction_id = pg_current_xact_id()
            WHERE tenant_id = $1 AND stream_id = $2 AND version = $4::int AND last_transaction_id <= pg_current_xact_id() RETURNING version`;
  }

  /** Why an append matched no stream row: the version moved on, or a newer transaction appended first. */
  private async appendRefusal(client: Queryable, tenantId: string, streamId: string, expected: ExpectedVersion): Promise<Error> {
    const { rows } = await client.query<{ version: number; overtaken: boolean }>(
      `SELECT version, last_transaction_id > pg_current_xact_id() AS overtaken FROM ${this.schema}.streams WHERE tenant_id = $1 AND stream_id = $2`,
      [tenantId, streamId],
    );
    const row = rows[0];
    const versionMatched = row !== undefined && (expected === 'any' || expected === row.version);
    if (versionMatched && row.overtaken) return new StreamOrderConflict(streamId);
    return new ConcurrencyError(streamId, expected, row?.version);
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

  /** Events by id (across tenants for the relay role), in the order readAll would return them. */
  async readEventsById(client: Queryable, eventIds: string[]): Promise<StoredEvent[]> {
    const rows = await client.query(
      `SELECT ${COLUMNS} FROM ${this.schema}.events WHERE event_id = ANY($1::uuid[]) ORDER BY transaction_id, global_position`,
      [eventIds],
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
