import { Client } from 'pg';
import { ADMIN_URL, TestSchema, createTestSchema } from '@assay/testing';
import { ReadAllCheckpoint, START_OF_LOG, StoredEvent } from './event-types';
import { PostgresEventStore } from './postgres-event-store';
import { ReadAllSession } from './read-all-session';

// readAll keeps its index plan on a freshly loaded table (issue "Spine throughput and latency",
// point 7). The table below is loaded in bulk and never analyzed: no column statistics, so the
// planner guesses ~20% of the rows match and assumes no correlation, and the plain keyset query
// (the `inline` text below, readAll's query before migration 005) then plans a bitmap scan of every
// later event plus a sort for a large page. The plans are the ones PostgreSQL really executed,
// captured by auto_explain (EXPLAIN's JSON format, nested statements included, sent back as
// notices), so whatever form readAll's SQL takes, its plan is the one asserted.

const EVENTS = 100_000;
const TRANSACTIONS = 100;

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };

const nodesOf = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
const planLines = (plans: PlanNode[]) => plans.map((p) => nodesOf(p).map((n) => n['Node Type'] + (n['Index Name'] ? ` on ${n['Index Name']}` : '')).join(' > '));

describe('readAll on a freshly loaded table, never analyzed (real PostgreSQL)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('plan');
    store = new PostgresEventStore(db.roles.schema);
    const events = `${db.roles.schema}.events`;
    // Stays unanalyzed where autovacuum runs, too.
    await db.admin.query(`ALTER TABLE ${events} SET (autovacuum_enabled = off)`);
    // A bulk load in many transactions, as appends would leave it (one tenant, 10 events a stream).
    await db.admin.query(`DO $$
      BEGIN
        FOR t IN 1..${TRANSACTIONS} LOOP
          INSERT INTO ${events} (event_id, tenant_id, stream_id, stream_version, event_type, data, metadata, occurred_at)
          SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'stream-' || t || '-' || (i / 10), i % 10 + 1, 'TestAnswerRecorded',
                 jsonb_build_object('assessmentId', gen_random_uuid(), 'questionId', 'GOV-SM-A1', 'value', i % 4, 'recordedAt', now()),
                 '{"correlationId": "test"}', now()
            FROM generate_series(0, ${EVENTS / TRANSACTIONS - 1}) i;
          COMMIT;
        END LOOP;
      END $$`);
  }, 120_000);
  afterAll(() => db.drop());

  /** Runs `work` as the relay role in a session whose every executed plan comes back as JSON. */
  async function withPlans<T>(work: (client: Client) => Promise<T>): Promise<{ result: T; plans: PlanNode[] }> {
    const client = new Client({ connectionString: ADMIN_URL }); // LOAD and auto_explain.* need a superuser
    await client.connect();
    const plans: PlanNode[] = [];
    client.on('notice', (notice) => {
      const json = /plan:\s*(\{[\s\S]*\})\s*$/.exec(notice.message ?? '')?.[1];
      if (json) plans.push((JSON.parse(json) as { Plan: PlanNode }).Plan);
    });
    try {
      await client.query(`LOAD 'auto_explain'`);
      await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on;
                          SET auto_explain.log_level = notice; SET auto_explain.log_format = json`);
      await client.query(`SET ROLE ${db.roles.relay}`);
      const result = await work(client);
      return { result, plans };
    } finally {
      await client.end();
    }
  }

  const expectIndexPlanOnly = (plans: PlanNode[]) => {
    const lines = planLines(plans);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/(^| > )Index Scan on events_read_all/)]));
    expect(lines.filter((line) => /Sort|Bitmap Heap Scan|Seq Scan/.test(line))).toEqual([]);
  };

  const expectInReadOrder = (events: StoredEvent[], after: ReadAllCheckpoint) => {
    let previous = after;
    for (const e of events) {
      const ordered = e.transactionId > previous.transactionId || (e.transactionId === previous.transactionId && e.globalPosition > previous.globalPosition);
      if (!ordered) throw new Error(`out of order: ${e.transactionId}/${e.globalPosition} after ${previous.transactionId}/${previous.globalPosition}`);
      previous = { transactionId: e.transactionId, globalPosition: e.globalPosition };
    }
  };

  it('starts from a table the planner has no statistics for', async () => {
    const { rows } = await db.admin.query(
      `SELECT (SELECT count(*) FROM pg_stats WHERE schemaname = $1 AND tablename = 'events')::int AS column_stats,
              (SELECT last_analyze IS NULL AND last_autoanalyze IS NULL FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'events') AS never_analyzed`,
      [db.roles.schema],
    );
    expect(rows[0]).toEqual({ column_stats: 0, never_analyzed: true });
  });

  it('shows the trap: the plain keyset query plans a bitmap scan and a sort for a large page here', async () => {
    const inline = `SELECT global_position FROM ${db.roles.schema}.events
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY transaction_id, global_position LIMIT $3`;
    const { plans } = await withPlans((c) => c.query(inline, ['0', '0', EVENTS]));
    expect(planLines(plans).join('\n')).toMatch(/Sort/);
  });

  it('reads the whole log in one large page with an ordered scan of events_read_all, no sort', async () => {
    const { result, plans } = await withPlans((c) => store.readAll(c, START_OF_LOG, EVENTS));
    expect(result).toHaveLength(EVENTS);
    expectInReadOrder(result, START_OF_LOG);
    expectIndexPlanOnly(plans);
  });

  it('keeps that plan from a checkpoint in the middle, for large and small pages', async () => {
    const middle = await store.readAll(db.relay, START_OF_LOG, EVENTS / 2);
    const checkpoint = { transactionId: middle[middle.length - 1].transactionId, globalPosition: middle[middle.length - 1].globalPosition };
    const { result, plans } = await withPlans(async (c) => [await store.readAll(c, checkpoint, EVENTS), await store.readAll(c, checkpoint, 500)]);
    expect(result[0]).toHaveLength(EVENTS / 2);
    expectInReadOrder(result[0], checkpoint);
    expect(result[1].map((e) => e.eventId)).toEqual(result[0].slice(0, 500).map((e) => e.eventId));
    expectIndexPlanOnly(plans);
  });

  it("plans the same ordered scan for the relay's inline page query, its settings on the session", async () => {
    const { result, plans } = await withPlans(async (c) => {
      const session = await ReadAllSession.open(c, db.roles.schema);
      const whole = await session.read(START_OF_LOG, EVENTS);
      const middle = whole[EVENTS / 2 - 1];
      const checkpoint = { transactionId: middle.transactionId, globalPosition: middle.globalPosition };
      const rest = await session.read(checkpoint, 500);
      // What the prepared statement may switch to after five executions: a plan for any values.
      await c.query('SET plan_cache_mode = force_generic_plan');
      return { whole, rest, generic: await session.read(checkpoint, 500) };
    });
    expect(result.whole.map((e) => e.eventId)).toEqual((await store.readAll(db.relay, START_OF_LOG, EVENTS)).map((e) => e.eventId));
    expect(result.rest.map((e) => e.eventId)).toEqual(result.whole.slice(EVENTS / 2, EVENTS / 2 + 500).map((e) => e.eventId));
    expect(result.generic.map((e) => e.eventId)).toEqual(result.rest.map((e) => e.eventId));
    expect(plans).toHaveLength(3); // the three reads, inline: no function's nested statement
    expectIndexPlanOnly(plans);
  });
});
