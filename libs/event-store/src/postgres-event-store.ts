import { Pool, QueryConfig } from 'pg';
import { Queryable, runStatement, transactionScope } from '@assay/postgres';
import { signalEventsAppended } from './append-signal';
import { ConcurrencyError, StreamOrderConflict } from './concurrency-error';
import { EVENT_ROW_TYPES } from './event-row-types';
import { COLUMNS, toStoredEvent } from './event-rows';
import { AppendResult, ExpectedVersion, NewEvent, ReadAllCheckpoint, StoredEvent, StreamAppend } from './event-types';

/**
 * Transforms event data at the store's boundary: encode on the way in, decode when a stream is
 * read (libs/personal-data encrypts personal fields this way). The relay reads the log as stored:
 * integration events never carry personal data.
 */
export interface EventDataCodec {
  encode(source: Queryable | Pool, tenantId: string, events: NewEvent[]): Promise<NewEvent[]>;
  decode(source: Queryable, tenantId: string, events: StoredEvent[]): Promise<StoredEvent[]>;
}

/**
 * Append-only event store in one service's schema. Methods take the caller's client so that an
 * append joins the caller's transaction: the tenant set for it (row-level security) and, for
 * consumers, the inbox row written beside it.
 */
export class PostgresEventStore {
  /** Marks, in a transaction's scope, that its commit will signal this schema's appends. */
  private readonly signalKey = Symbol('events appended');

  constructor(
    private readonly schema: string,
    private readonly codec?: EventDataCodec,
  ) {}

  /** Appends in the caller's transaction (its tenant set, and e.g. a consumer's inbox row beside it). */
  async appendToStream(client: Queryable, tenantId: string, streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const encoded = this.codec ? await this.codec.encode(client, tenantId, events) : events;
    const result = await this.append(client, 'append_events', tenantId, streamId, encoded, expected);
    this.signalAfterCommit(client);
    return result;
  }

  /**
   * Appends to several streams of one tenant in the caller's transaction, in one statement
   * (migration 008): what appendToStream gives for each in turn, in one round trip. The first
   * refusal rejects all of them (the transaction is then aborted anyway) and names its stream.
   */
  async appendToStreams(client: Queryable, tenantId: string, appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 1) return [await this.appendToStream(client, tenantId, appends[0].streamId, appends[0].events, appends[0].expected)];
    if (appends.some((a) => a.events.length === 0)) throw new Error('appendToStreams needs at least one event per stream');
    const events = appends.flatMap((a) => a.events);
    const encoded = this.codec ? await this.codec.encode(client, tenantId, events) : events;
    let inserted;
    try {
      inserted = await client.query<{ stream_index: number; global_position: string; stream_version: number }>({
        name: `append_events_to_streams-${this.schema}`,
        text: `SELECT stream_index, global_position, stream_version FROM ${this.schema}.append_events_to_streams($1, $2::text[], $3::text[], $4::int[], $5::int[], $6::uuid[], $7::text[], $8::int[], $9::jsonb[], $10::jsonb[], $11::timestamptz[])`,
        values: [
          tenantId,
          appends.map((a) => a.streamId),
          appends.map((a) => (typeof a.expected === 'number' ? 'expected' : a.expected)),
          appends.map((a) => (typeof a.expected === 'number' ? a.expected : null)),
          appends.map((a) => a.events.length),
          ...eventColumns(encoded),
        ],
      });
    } catch (error) {
      const refused = appends.find((a) => a.streamId === (error as { hint?: string }).hint);
      throw (refused && refusalOf(error, refused.streamId, refused.expected)) ?? error;
    }
    this.signalAfterCommit(client);
    const results: AppendResult[] = appends.map(() => ({ nextExpectedVersion: 0, globalPositions: [] }));
    for (const row of inserted.rows) {
      const result = results[row.stream_index - 1];
      result.nextExpectedVersion = row.stream_version;
      result.globalPositions.push(BigInt(row.global_position));
    }
    return results;
  }

  /** Once per transaction, and only once it committed (a relay woken earlier would find nothing). */
  private signalAfterCommit(client: Queryable): void {
    const scope = transactionScope(client);
    if (scope && !scope.local.has(this.signalKey)) {
      scope.local.set(this.signalKey, true);
      scope.afterCommit(() => signalEventsAppended(this.schema));
    }
  }

  /**
   * Appends as a transaction of its own, tenant included: one round trip in all, for a command that
   * is nothing but its append (its state came from a StreamStateCache). Commits before it returns.
   */
  async appendAsTransaction(pool: Pool, tenantId: string, streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    // runStatement, not pool.query: a refused append must not cost the pooled connection.
    const autocommit = { query: (statement: QueryConfig) => runStatement(pool, statement) } as Queryable;
    const encoded = this.codec ? await this.codec.encode(pool, tenantId, events) : events;
    const result = await this.append(autocommit, 'append_events_as_tenant', tenantId, streamId, encoded, expected);
    signalEventsAppended(this.schema);
    return result;
  }

  /**
   * The append of one event per row of a query, as a set-returning call to place in a statement
   * that writes more than the events: a projection that logs each event it applies and its read
   * model rows in one round trip. `row` names SQL expressions for the event's fields (columns of
   * the FROM item the call is joined laterally to). Nothing is encoded (no codec) and no relay is
   * signalled: for logs that carry no personal data of their own and that no relay publishes.
   */
  appendCallOf(row: { tenantId: string; streamId: string; eventId: string; type: string; schemaVersion: string; data: string; metadata: string; occurredAt: string }): string {
    if (this.codec) throw new Error(`${this.schema}: appendCallOf bypasses the store's codec`);
    const one = (expression: string) => `ARRAY[${expression}]`;
    return `${this.schema}.append_events(${row.tenantId}, ${row.streamId}, 'any', NULL, ${one(row.eventId)}, ${one(row.type)}, ${one(row.schemaVersion)}, ${one(row.data)}, ${one(row.metadata)}, ${one(row.occurredAt)})`;
  }

  /**
   * One statement (migration 006): the stream row's compare-and-set, then the events, or the
   * refusal's reason raised from the same transaction. A named statement: parsed and planned once
   * per connection.
   */
  private async append(
    client: Queryable,
    fn: 'append_events' | 'append_events_as_tenant',
    tenantId: string,
    streamId: string,
    events: NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    try {
      const inserted = await client.query<{ global_position: string; stream_version: number }>({
        name: `${fn}-${this.schema}`,
        text: `SELECT global_position, stream_version FROM ${this.schema}.${fn}($1, $2, $3, $4, $5::uuid[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::timestamptz[])`,
        values: [tenantId, streamId, typeof expected === 'number' ? 'expected' : expected, typeof expected === 'number' ? expected : null, ...eventColumns(events)],
      });
      return {
        nextExpectedVersion: inserted.rows[inserted.rows.length - 1].stream_version,
        globalPositions: inserted.rows.map((r) => BigInt(r.global_position)),
      };
    } catch (error) {
      throw refusalOf(error, streamId, expected) ?? error;
    }
  }

  async streamVersion(client: Queryable, tenantId: string, streamId: string): Promise<number | undefined> {
    const row = await client.query<{ version: number }>(
      `SELECT version FROM ${this.schema}.streams WHERE tenant_id = $1 AND stream_id = $2`,
      [tenantId, streamId],
    );
    return row.rows[0]?.version;
  }

  async readStream(client: Queryable, tenantId: string, streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const rows = await client.query({
      text: `SELECT ${COLUMNS} FROM ${this.schema}.events
       WHERE tenant_id = $1 AND stream_id = $2 AND stream_version > $3 ORDER BY stream_version`,
      values: [tenantId, streamId, afterVersion],
      types: EVENT_ROW_TYPES,
      rowMode: 'array',
    });
    const events = rows.rows.map(toStoredEvent);
    return this.codec ? this.codec.decode(client, tenantId, events) : events;
  }

  /** Events by id (across tenants for the relay role), in the order readAll would return them. */
  async readEventsById(client: Queryable, eventIds: string[]): Promise<StoredEvent[]> {
    const rows = await client.query({
      text: `SELECT ${COLUMNS} FROM ${this.schema}.events WHERE event_id = ANY($1::uuid[]) ORDER BY transaction_id, global_position`,
      values: [eventIds],
      types: EVENT_ROW_TYPES,
      rowMode: 'array',
    });
    return rows.rows.map(toStoredEvent);
  }

  /**
   * Events after a checkpoint in (transaction, position) order, limited to transactions older than
   * every transaction still running. A transaction that took a lower global position but commits
   * later is therefore read once it commits instead of being skipped — the flaw of a plain
   * `global_position > checkpoint` read (see emmett's readMessagesBatch and eugene-khyst 4.7).
   *
   * The page query is the schema's `read_all` function (migration 005), not inline SQL: inline, the
   * planner chose the ordered scan of events_read_all on cost alone, and on a table never analyzed
   * (a bulk load, no autovacuum yet) it swapped it for a bitmap scan of every later event plus a
   * sort once the limit was a sizeable part of its row guess. The function's planner settings leave
   * the index scan as the only plan, with or without statistics (read-all-plan.int.spec.ts).
   */
  async readAll(client: Queryable, after: ReadAllCheckpoint, limit: number): Promise<StoredEvent[]> {
    const rows = await client.query({
      name: `read-all-${this.schema}`,
      text: `SELECT ${COLUMNS} FROM ${this.schema}.read_all($1::xid8, $2::bigint, $3::integer)`,
      values: [after.transactionId.toString(), after.globalPosition.toString(), limit],
      types: EVENT_ROW_TYPES,
      rowMode: 'array',
    });
    return rows.rows.map(toStoredEvent);
  }
}

/**
 * The append function's refusals as the store's errors. A lost compare-and-set is a ConcurrencyError
 * ('AS001', DETAIL = the stream's version); a newer transaction having appended first is a
 * StreamOrderConflict ('AS002', see migration 002).
 */
function refusalOf(error: unknown, streamId: string, expected: ExpectedVersion): Error | undefined {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code === 'AS002') return new StreamOrderConflict(streamId);
  if (code === 'AS001') return new ConcurrencyError(streamId, expected, detail ? Number(detail) : undefined);
  return undefined;
}

/** The events as the append functions' parallel arrays: ids, types, schema versions, data, metadata, times. */
function eventColumns(events: NewEvent[]): unknown[] {
  return [
    events.map((e) => e.eventId),
    events.map((e) => e.type),
    events.map((e) => e.schemaVersion ?? 1),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => JSON.stringify(e.metadata ?? {})),
    events.map((e) => e.occurredAt.toISOString()),
  ];
}
