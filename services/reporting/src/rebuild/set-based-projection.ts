import { PoolClient } from 'pg';
import { Queryable } from '@assay/postgres';
import { IntegrationEventTypes as T } from '@assay/contracts';
import { ReadAllCheckpoint } from '@assay/event-store';
import { envelopeOfReceived } from '../consumers/received-events';
import { frameworkImportedHandler } from '../consumers/framework-imported.handler';
import { practiceMaturityCalculatedHandler } from '../consumers/practice-maturity-calculated.handler';
import {
  LoggedEvents,
  NODE_SCORE_COLUMNS,
  NODE_SCORE_UPSERT,
  SCORECARD_COLUMNS,
  SCORECARD_UPSERT,
  STREAM_VERSION,
  insertNodeChanges,
  insertScoreChanges,
  scoresCte,
  upsertDerivedScores,
  upsertNodeScores,
  upsertScorecards,
} from '../read-models/score-projection-sql';

/**
 * A range of the log projected into the rebuild's tables by set-based SQL, inside PostgreSQL:
 * the events never travel to this process and back, which is what lets a rebuild run at the speed
 * of reading the log. It must leave exactly the rows the live handlers leave (the rebuild spec
 * compares them row for row), and it can because every live projection is insensitive to the
 * order of different streams: history rows are keyed by stream position, scorecards keep the
 * latest position's figures and count events, an assessment's row is its last start in log order.
 *
 * Runs in the rebuild's owner session, which writes every tenant's rows into tables no one reads
 * yet (forced row-level security stays on them for the application role once swapped in). Legacy
 * v1 scores and framework imports are rare and go through the live handlers, one by one, each
 * under its tenant.
 */
export interface LogRange {
  after: ReadAllCheckpoint;
  upTo: ReadAllCheckpoint;
}

const IN_RANGE = `(e.transaction_id, e.global_position) > ($1::xid8, $2::bigint) AND (e.transaction_id, e.global_position) <= ($3::xid8, $4::bigint)`;
const rangeValues = ({ after, upTo }: LogRange) => [after.transactionId.toString(), after.globalPosition.toString(), upTo.transactionId.toString(), upTo.globalPosition.toString()];

const inRange = (log: string): LoggedEvents => ({ from: `${log}.events e`, where: IN_RANGE });

/** Everything a range of the log changes, for a catch-up page or the final events under the swap lock. */
export async function projectRange(client: PoolClient, log: string, target: string, range: LogRange): Promise<void> {
  await projectHistory(client, log, target, range, false);
  await projectAssessments(client, log, target, range);
  await projectLatest(client, log, target, range);
}

/**
 * The append-only part (score and node changes, targets) and the rare events: what a replay runs
 * page by page, pages side by side, since none of it depends on another page. The assessments and
 * the latest figures then come once for all the pages (projectAssessments, projectLatest*).
 */
export async function projectHistory(client: PoolClient, log: string, target: string, range: LogRange, bulk: boolean): Promise<void> {
  await indexRangesOnly(client);
  const values = rangeValues(range);
  // Bulk: the append-only tables have no key yet (dropAppendOnlyKeys); each logged event is there once.
  const onConflict = bulk ? '' : 'ON CONFLICT DO NOTHING';
  // One scan of the range for both tables.
  await client.query(`WITH ${scoresCte(inRange(log))}, changes AS (${insertScoreChanges(target, onConflict)}) ${insertNodeChanges(target, onConflict)}`, values);
  await client.query(
    `INSERT INTO ${target}.node_targets (tenant_id, assessment_id, node_id, stream_version, target, set_at)
     SELECT e.tenant_id, (e.data->>'assessmentId')::uuid, e.data->>'nodeId', ${STREAM_VERSION}, (e.data->>'target')::float8, (e.data->>'setAt')::timestamptz
     FROM ${log}.events e WHERE ${IN_RANGE} AND e.event_type = '${T.targetSet}' AND e.schema_version = 1
     ${onConflict}`,
    values,
  );
  await projectRareEvents(client, log, target, values);
}

/** Each assessment's last start in the range, in log order. */
export async function projectAssessments(client: PoolClient, log: string, target: string, range: LogRange): Promise<void> {
  await indexRangesOnly(client);
  await client.query(
    `INSERT INTO ${target}.history_assessments (tenant_id, assessment_id, framework_id, framework_version, scope_kind, system_id, based_on_assessment_id, based_on_kind, started_at)
     SELECT DISTINCT ON (e.tenant_id, (e.data->>'assessmentId')::uuid) e.tenant_id, (e.data->>'assessmentId')::uuid, e.data->>'frameworkId', e.data->>'frameworkVersion',
       coalesce(e.data->'scope'->>'kind', 'programme'), (e.data->'scope'->>'systemId')::uuid, (e.data->'basedOn'->>'assessmentId')::uuid, e.data->'basedOn'->>'kind', (e.data->>'startedAt')::timestamptz
     FROM ${log}.events e WHERE ${IN_RANGE} AND e.event_type = '${T.assessmentStarted}'
     ORDER BY e.tenant_id, (e.data->>'assessmentId')::uuid, e.transaction_id DESC, e.global_position DESC
     ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET framework_id = excluded.framework_id, framework_version = excluded.framework_version, scope_kind = excluded.scope_kind,
       system_id = excluded.system_id, based_on_assessment_id = excluded.based_on_assessment_id, based_on_kind = excluded.based_on_kind, started_at = excluded.started_at`,
    rangeValues(range),
  );
}

/** The scorecards and node scores from a range of the log: each one's latest figures there, and the score events it absorbed. */
export async function projectLatest(client: PoolClient, log: string, target: string, range: LogRange): Promise<void> {
  await indexRangesOnly(client);
  const values = rangeValues(range);
  await client.query(upsertNodeScores(target, inRange(log)), values);
  await client.query(upsertScorecards(target, inRange(log)), values);
  await projectDerived(client, log, target, range);
}

/** Each derived node's latest value (or removal) in the range; a replay runs it once over all its pages. */
export async function projectDerived(client: PoolClient, log: string, target: string, range: LogRange): Promise<void> {
  await indexRangesOnly(client);
  await client.query(upsertDerivedScores(target, inRange(log)), rangeValues(range));
}

/**
 * The same latest figures worked out from the rebuilt history tables instead of the log, once at
 * the end of a replay: typed columns read in key order, where the log would need its JSON parsed
 * and sorted a second time. Only claimed changes count, as live. Node scores read only
 * node_changes and scorecards only score_changes, so each can follow its own table's key.
 */
export async function projectLatestNodeScores(client: PoolClient, target: string): Promise<void> {
  await client.query(
    `INSERT INTO ${target}.node_scores AS s (${NODE_SCORE_COLUMNS})
     SELECT DISTINCT ON (tenant_id, assessment_id, node_id) tenant_id, assessment_id, node_id, parent_id, kind, name, position, score, min, max, answered, items, out_of_scope, stream_version
     FROM ${target}.node_changes WHERE basis = 'claimed'
     ORDER BY tenant_id, assessment_id, node_id, stream_version DESC
     ${NODE_SCORE_UPSERT}`,
  );
}

export async function projectLatestScorecards(client: PoolClient, target: string): Promise<void> {
  await client.query(
    `INSERT INTO ${target}.scorecards AS s (${SCORECARD_COLUMNS})
     SELECT tenant_id, assessment_id, framework_id, framework_version, scoring_model_id, scoring_model_version, answered_questions, answers_applied, events, effective_at, stream_version,
       overall_score, overall_min, overall_max, overall_answered, overall_items
     FROM (SELECT c.*, count(*) OVER (PARTITION BY tenant_id, assessment_id)::integer AS events,
                  row_number() OVER (PARTITION BY tenant_id, assessment_id ORDER BY stream_version DESC) AS latest
           FROM ${target}.score_changes c WHERE basis = 'claimed') l
     WHERE latest = 1
     ${SCORECARD_UPSERT}`,
  );
}

/**
 * A range of (transaction, position) is a row comparison, whose selectivity the planner cannot
 * estimate: on a log of a million events it guessed a third of the table and scanned all of it for
 * every page (2,000 events/s instead of tens of thousands). As for readAll (event-store migration
 * 005), the index range scan is made the only plan without a penalty, for this transaction.
 * The same guess (a third of a million events, per page) made every page's statement costly
 * enough for PostgreSQL to JIT-compile it: 330 ms of compiling for 80 ms of work on a page of
 * 5,000 events, the whole difference between a rebuild of 300,000 events and one of a million.
 * So no JIT in these transactions either.
 */
async function indexRangesOnly(client: PoolClient): Promise<void> {
  await client.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL jit = off');
}

/** Legacy v1 scores and framework imports, through the live handlers, each under its event's tenant. */
async function projectRareEvents(client: PoolClient, log: string, target: string, values: string[]): Promise<void> {
  const { rows } = await client.query(
    `SELECT e.event_id, e.tenant_id, e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at FROM ${log}.events e
     WHERE ${IN_RANGE} AND ((e.event_type = '${T.practiceMaturityCalculated}' AND e.schema_version = 1) OR e.event_type = '${T.frameworkImported}')
     ORDER BY e.transaction_id, e.global_position`,
    values,
  );
  const legacy = practiceMaturityCalculatedHandler(target);
  const imported = frameworkImportedHandler(target);
  for (const r of rows) {
    const envelope = envelopeOfReceived({ eventId: r.event_id, tenantId: r.tenant_id, type: r.event_type, schemaVersion: r.schema_version, data: r.data, occurredAt: r.occurred_at, metadata: r.metadata });
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [envelope.tenantId]);
    await (envelope.type === T.frameworkImported ? imported : legacy)(envelope, client);
  }
}

/**
 * Where a page of at most `size` events after `after` ends, reading only positions (the index),
 * below readAll's horizon (`horizon`: only transactions older than every running one) or, under
 * the swap lock, up to the end of the log; undefined when nothing is left.
 */
export async function pageEnd(client: PoolClient, log: string, after: ReadAllCheckpoint, size: number, horizon: boolean): Promise<{ upTo: ReadAllCheckpoint; events: number } | undefined> {
  await indexRangesOnly(client);
  const { rows } = await client.query(
    `SELECT transaction_id, global_position, n FROM (
       SELECT e.transaction_id, e.global_position, row_number() OVER (ORDER BY e.transaction_id, e.global_position) AS n
       FROM (SELECT transaction_id, global_position FROM ${log}.events
             WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) ${horizon ? 'AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())' : ''}
             ORDER BY transaction_id, global_position LIMIT $3) e) p
     ORDER BY n DESC LIMIT 1`,
    [after.transactionId.toString(), after.globalPosition.toString(), size],
  );
  if (!rows[0]) return undefined;
  return { upTo: { transactionId: BigInt(rows[0].transaction_id), globalPosition: BigInt(rows[0].global_position) }, events: Number(rows[0].n) };
}

/** The append-only tables, whose keys a bulk replay drops and adds back once it is done. */
export const APPEND_ONLY_TABLES = ['score_changes', 'node_changes', 'node_targets'] as const;
export type AppendOnlyTable = (typeof APPEND_ONLY_TABLES)[number];

/**
 * Loading a million rows into a table is several times faster without its key's index, which is
 * then built once, sorted, than with the index kept up row by row. Drops the keys of the rebuild's
 * append-only tables and returns, per table, the statement that adds its key back exactly as the
 * live table has it (its constraint's definition), to run before anything else writes to it.
 * (Unlogged tables, made logged again afterwards, were tried: the copy into the WAL cost more than
 * the replay saved.)
 */
export async function dropAppendOnlyKeys(client: Queryable, log: string, target: string): Promise<Record<AppendOnlyTable, string>> {
  const keys = {} as Record<AppendOnlyTable, string>;
  for (const table of APPEND_ONLY_TABLES) {
    const { rows } = await client.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`, [`${log}.${table}`]);
    await client.query(`ALTER TABLE ${target}.${table} DROP CONSTRAINT ${rows[0].conname}`);
    keys[table] = `ALTER TABLE ${target}.${table} ADD CONSTRAINT ${rows[0].conname} ${rows[0].def}`;
  }
  return keys;
}
