// npm run bench, part (d) (deploy/bench.sh runs it after bench/run-benchmarks): rebuilding
// reporting's read models from a log of 1,000,000 received events, against the raw read-all of the
// same log (the same pages, nothing projected), both in this run on this machine. Progress is
// printed while the rebuild runs. It lives beside the rebuild because it drives the service's code.
import { learnedFrameworkMigrations } from '@assay/learned-frameworks';
import { PostgresEventStore, START_OF_LOG } from '@assay/event-store';
import { ADMIN_URL, TestSchema, createTestSchema } from '@assay/testing';
import { reportingMigrations } from '../infrastructure/reporting-schema';
import { migrateReadModels } from '../read-models/read-model-data-source';
import { rebuildReadModels } from './read-model-rebuild';

const ASSESSMENTS = Number(process.env.BENCH_REBUILD_ASSESSMENTS ?? 10_000);
const SCORES_PER_ASSESSMENT = 100; // one start, then 100 score events: every fifth one assured
const TENANTS = 100;
const PAGE = 5_000;

/**
 * The log as reporting keeps it, loaded in transactions of 100,000 events. Each assessment of one
 * of 100 tenants has its start and its score events (two nodes and the overall, as an answer to
 * one category moves them) of a synthetic framework: the projection reads figures, not
 * definitions. Score events of different assessments interleave, as a topic's partitions deliver them.
 */
async function loadLog(db: TestSchema): Promise<number> {
  const s = db.roles.schema;
  const chunk = 1_000;
  for (let from = 0; from < ASSESSMENTS; from += chunk) {
    await db.admin.query(
      `INSERT INTO ${s}.events (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       SELECT gen_random_uuid(), md5('tenant' || (a % ${TENANTS}))::uuid, 'received-assessment-' || md5('a' || a)::uuid, 1, 'assessment.started', 2,
              jsonb_build_object('assessmentId', md5('a' || a)::uuid, 'frameworkId', 'bench-framework', 'frameworkVersion', '1', 'scope', jsonb_build_object('kind', 'programme'),
                                 'excludedNodes', '[]'::jsonb, 'revision', 1, 'startedAt', '2026-01-01T00:00:00.000Z'),
              jsonb_build_object('streamId', 'assessment-' || md5('a' || a)::uuid, 'streamVersion', 1, 'correlationId', gen_random_uuid(), 'causationId', gen_random_uuid()),
              '2026-01-01T00:00:00Z'
       FROM generate_series($1::int, $2::int) AS a`,
      [from, from + chunk - 1],
    );
    await db.admin.query(
      `INSERT INTO ${s}.events (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       SELECT gen_random_uuid(), md5('tenant' || (a % ${TENANTS}))::uuid, 'received-scorecard-' || md5('a' || a)::uuid, k,
              CASE WHEN k % 5 = 0 THEN 'scoring.assurance-calculated' ELSE 'scoring.practice-maturity-calculated' END, CASE WHEN k % 5 = 0 THEN 1 ELSE 2 END,
              jsonb_build_object('assessmentId', md5('a' || a)::uuid, 'frameworkId', 'bench-framework', 'frameworkVersion', '1', 'scoringModelId', 'bench-model', 'scoringModelVersion', '1',
                'nodes', jsonb_build_array(
                  jsonb_build_object('nodeId', 'D1', 'kind', 'domain', 'name', 'Domain 1', 'position', 0, 'score', 1 + (k % 16) / 4.0, 'min', 1, 'max', 5, 'answered', 1 + k % 4, 'items', 4),
                  jsonb_build_object('nodeId', 'D1-C' || (1 + k % 4), 'parentId', 'D1', 'kind', 'category', 'name', 'Category', 'position', k % 4,
                                     'score', 1 + k % 5, 'min', 1, 'max', 5, 'answered', 1, 'items', 1)),
                'overall', jsonb_build_object('score', 1 + (k % 16) / 4.0, 'min', 1, 'max', 5, 'answered', 1 + k % 12, 'items', 12),
                'answeredQuestions', k, 'answersApplied', k, 'sourceEventId', gen_random_uuid(), 'calculatedAt', to_char(timestamptz '2026-01-01' + k * interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
              || CASE WHEN k % 5 = 0 THEN jsonb_build_object('cause', jsonb_build_object('kind', 'evidence', 'evidenceId', gen_random_uuid(), 'change', 'verified'), 'backed', '[]'::jsonb) ELSE '{}'::jsonb END,
              jsonb_build_object('streamId', 'scorecard-' || md5('a' || a)::uuid, 'streamVersion', k, 'correlationId', gen_random_uuid(), 'causationId', gen_random_uuid()),
              timestamptz '2026-01-01' + k * interval '1 hour'
       FROM generate_series(1, ${SCORES_PER_ASSESSMENT}) AS k, generate_series($1::int, $2::int) AS a
       ORDER BY k, a`,
      [from, from + chunk - 1],
    );
    process.stderr.write(`\r[bench] loading the log: ${Math.min(from + chunk, ASSESSMENTS) * (SCORES_PER_ASSESSMENT + 1)} events`);
  }
  process.stderr.write('\n');
  await db.admin.query(`ANALYZE ${s}.events`);
  return Number((await db.admin.query(`SELECT count(*) AS n FROM ${s}.events`)).rows[0].n);
}

/** The baseline: every page of the log read as the rebuild reads it (the relay role's readAll), nothing else. */
async function readAllPages(db: TestSchema): Promise<number> {
  const store = new PostgresEventStore(db.roles.schema);
  let checkpoint = START_OF_LOG;
  let read = 0;
  for (;;) {
    const page = await store.readAll(db.relay, checkpoint, PAGE);
    if (page.length === 0) return read;
    read += page.length;
    const last = page[page.length - 1];
    checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
  }
}

const ratePerSecond = async (work: () => Promise<number>) => {
  const started = process.hrtime.bigint();
  const items = await work();
  return { perSecond: items / (Number(process.hrtime.bigint() - started) / 1e9) };
};

export async function benchRebuild(): Promise<string> {
  const db = await createTestSchema('bench_rb', [learnedFrameworkMigrations, reportingMigrations]);
  try {
    await migrateReadModels(ADMIN_URL, db.roles);
    const total = await loadLog(db);
    const before = await ratePerSecond(() => readAllPages(db));
    let lastShown = 0;
    const rebuild = await ratePerSecond(async () => {
      const result = await rebuildReadModels({
        adminUrl: ADMIN_URL,
        roles: db.roles,
        batchSize: PAGE,
        onProgress: (p) => {
          if (p.phase === 'replaying' && p.eventsDone - lastShown < total / 10) return;
          lastShown = p.eventsDone;
          console.error(`[bench] rebuild ${p.phase}: ${p.eventsDone}/${p.eventsTotal} events, ${p.eventsPerSecond}/s, ${p.secondsLeft ?? '?'} s left`);
        },
      });
      return result.eventsApplied;
    });
    const after = await ratePerSecond(() => readAllPages(db));
    const rows = await db.admin.query(`SELECT (SELECT count(*) FROM ${db.roles.schema}.node_changes) AS nodes, (SELECT count(*) FROM ${db.roles.schema}.scorecards) AS cards`);
    console.error(`[bench] rebuilt ${rows.rows[0].cards} scorecards and ${rows.rows[0].nodes} node changes from ${total} events`);
    const baseline = { perSecond: (before.perSecond + after.perSecond) / 2 };
    const ratio = rebuild.perSecond / baseline.perSecond;
    return `(d) read-model rebuild from ${total} events ${rebuild.perSecond.toFixed(0)}/s vs raw read-all (mean of before and after) ${baseline.perSecond.toFixed(0)}/s = ${(ratio * 100).toFixed(1)}%  (target ≥ 50%: ${ratio >= 0.5 ? 'met' : 'NOT met'})`;
  } finally {
    await db.drop();
  }
}

if (require.main === module) {
  benchRebuild()
    .then((line) => console.log(line))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
