import { ClientBase } from 'pg';
import { EVENT_ROW_TYPES } from './event-row-types';
import { COLUMNS, toStoredEvent } from './event-rows';
import { ReadAllCheckpoint, StoredEvent } from './event-types';

/**
 * The planner settings of the read_all function (migration 005): with sorts, bitmap scans and
 * sequential scans disabled, the ordered scan of events_read_all is the only plan without a
 * penalty, whatever the statistics (read-all-plan.int.spec.ts).
 */
const READ_ALL_PLAN = ['enable_sort', 'enable_incremental_sort', 'enable_bitmapscan', 'enable_seqscan'].map((setting) => `SET ${setting} = off`).join('; ');

/**
 * readAll's pages on a session of their own, for a reader that reads page after page (the relay).
 * The function form of readAll costs PostgreSQL ~0.8 ms for a page of 500 against ~0.1 ms for the
 * same query inline: an SQL function with SET clauses is planned on every call and its rows are
 * collected into a tuplestore before they are sent. Here the same query runs inline, as a prepared
 * statement, and the function's planner settings are set once on the session instead; that is
 * why the session is this reader's alone (the relay destroys it rather than return it to a pool).
 * Setting them around each read instead, in one simple-protocol message parsed and planned every
 * time, cost more than it saved where a relay wakes for a few events at a time: answer → reporting
 * p99 76–122 ms at 50/s and 479–511 ms at 150/s in two runs, against 56 and 219 ms right after.
 */
export class ReadAllSession {
  private constructor(
    private readonly client: ClientBase,
    private readonly schema: string,
  ) {}

  /** Sets the page query's planner settings on `client`, which from then on reads only through this. */
  static async open(client: ClientBase, schema: string): Promise<ReadAllSession> {
    await client.query(READ_ALL_PLAN);
    return new ReadAllSession(client, schema);
  }

  /** What PostgresEventStore.readAll returns for the same checkpoint and limit. */
  async read(after: ReadAllCheckpoint, limit: number): Promise<StoredEvent[]> {
    const rows = await this.client.query({
      name: `read-all-session-${this.schema}`,
      text: `SELECT ${COLUMNS} FROM ${this.schema}.events
             WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
               -- Only transactions older than every running one: a late commit is read, never skipped.
               AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY transaction_id, global_position
             LIMIT $3::integer`,
      values: [after.transactionId.toString(), after.globalPosition.toString(), limit],
      types: EVENT_ROW_TYPES,
      rowMode: 'array',
    });
    return rows.rows.map(toStoredEvent);
  }
}
