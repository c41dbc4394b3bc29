import { ClientBase } from 'pg';
import { EVENT_ROW_TYPES } from './event-row-types';
import { COLUMNS, toStoredEvent } from './event-rows';
import { ReadAllCheckpoint, StoredEvent } from './event-types';

const SETTINGS = ['enable_sort', 'enable_incremental_sort', 'enable_bitmapscan', 'enable_seqscan'];
/**
 * The planner settings of the read_all function (migration 005): with sorts, bitmap scans and
 * sequential scans disabled, the ordered scan of events_read_all is the only plan without a
 * penalty, whatever the statistics (read-all-plan.int.spec.ts).
 */
const PLAN_FOR_PAGE = SETTINGS.map((setting) => `SET ${setting} = off`).join('; ');
const DEFAULT_PLAN = SETTINGS.map((setting) => `RESET ${setting}`).join('; ');

/**
 * readAll's page query inline, on a session it shares (the relay's leader session, which also
 * writes checkpoints and reads parked events). The function form of readAll costs PostgreSQL
 * ~0.8 ms for a page of 500 against ~0.1 ms inline: an SQL function with SET clauses is planned on
 * every call and gathers its rows in a tuplestore before they are sent. Here the function's
 * planner settings are set just before the query and reset just after it: the three are queued on
 * the client together, and a client runs its queries one at a time in order, so no other query of
 * the session is planned with them (with sorts off, a query by id with an ORDER BY would scan the
 * whole log in order instead). Two round trips more per page, which is hundreds of events.
 */
export class ReadAllSession {
  constructor(
    private readonly client: ClientBase,
    private readonly schema: string,
  ) {}

  /** What PostgresEventStore.readAll returns for the same checkpoint and limit. */
  async read(after: ReadAllCheckpoint, limit: number): Promise<StoredEvent[]> {
    const planned = this.client.query(PLAN_FOR_PAGE);
    const page = this.client.query({
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
    const reset = this.client.query(DEFAULT_PLAN);
    const [, rows] = await Promise.all([planned, page, reset]);
    return rows.rows.map(toStoredEvent);
  }
}
