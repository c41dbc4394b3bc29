import { ClientBase, QueryArrayResult } from 'pg';
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
 * readAll's page query inline, for a reader that reads page after page (the relay). The function
 * form of readAll costs PostgreSQL ~0.8 ms for a page of 500 against ~0.1 ms inline: an SQL
 * function with SET clauses is planned on every call and gathers its rows in a tuplestore before
 * they are sent. Here the function's planner settings are set just before the query and reset
 * just after it, all in one simple-protocol message (one implicit transaction: a failed query
 * rolls the settings back too), so the session keeps its own settings for anything else it runs
 * and may go back to a pool as it came. (The checkpoint is numbers, and
 * written into the text as such.)
 */
export class ReadAllSession {
  constructor(
    private readonly client: ClientBase,
    private readonly schema: string,
  ) {}

  /** What PostgresEventStore.readAll returns for the same checkpoint and limit. */
  async read(after: ReadAllCheckpoint, limit: number): Promise<StoredEvent[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a page holds at least one event, not ${limit}`);
    const results = (await this.client.query({
      text: `${PLAN_FOR_PAGE};
             SELECT ${COLUMNS} FROM ${this.schema}.events
              WHERE (transaction_id, global_position) > ('${BigInt(after.transactionId)}'::xid8, ${BigInt(after.globalPosition)})
                -- Only transactions older than every running one: a late commit is read, never skipped.
                AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              ORDER BY transaction_id, global_position
              LIMIT ${limit};
             ${DEFAULT_PLAN}`,
      types: EVENT_ROW_TYPES,
      rowMode: 'array',
    })) as unknown as QueryArrayResult[];
    const page = results.find((result) => result.command === 'SELECT');
    if (!page) throw new Error('the page query returned no rows result');
    return page.rows.map(toStoredEvent);
  }
}
