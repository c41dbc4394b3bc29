// npm run bench (second part): answer accepted over HTTP → reporting applying its score, under
// open-loop load at fixed rates, on this machine with everything on it. Latency is read afterwards
// from what the system records anyway (never by polling during the load): the commit time of the
// answer's transaction, joined through scoring's inbox and the claimed score event's causation id
// (not the derived scores that follow it), to the commit time of the transaction in which
// reporting's inbox took that score. All come from the one PostgreSQL clock. A first phase at the
// lowest rate warms the services up and is not reported.
//   BENCH_RATES=50,150,300  answers per second, one phase each
//   BENCH_SECONDS=30        length of each phase
//   BENCH_WARM_UP_SECONDS=10  length of the warm-up phase (printed, not counted)
import { Pool } from 'pg';
import { IntegrationEventTypes } from '@assay/contracts';
import { kafkaClientFromEnv } from '@assay/messaging';
import { createPool } from '@assay/postgres';
import { ADMIN_URL, ServiceProcess, TenantClient, eventually, planAnswers, serviceUrl } from '@assay/testing';
import { HttpLoadClient } from './http-load-client';

const RATES = (process.env.BENCH_RATES ?? '50,150,300').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** Freshly started services compile hot paths and open pooled connections during their first seconds. */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 10);
/**
 * Tenants sending the load together. A tenant's events share a Kafka partition (and so one
 * consumer at a time), so one tenant measures a single partition's chain; a SaaS's answers come
 * from many tenants at once.
 */
const TENANTS = Number(process.env.BENCH_TENANTS ?? 1);

interface PhaseResult {
  rate: number;
  sent: number;
  refused: number;
  /** Why answers were refused: HTTP status or client error code, with counts. */
  refusals: Map<string, number>;
  backlogSlopePerSecond: number;
  latenciesMs: number[];
  /** The two hops: answer committed → scoring applied it; scoring's commit → reporting applied the score. */
  toScoringMs: number[];
  toReportingMs: number[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Claimed score events reporting applied for answers; each assessment's opening scores are not counted. */
async function appliedCount(admin: Pool, tenantIds: string[], assessments: number): Promise<number> {
  // Reporting's log of what it applied, claimed scores only: it also logs the assessment events it
  // reads and the derived scores that follow most answers.
  const { rows } = await admin.query(`SELECT count(*)::int AS n FROM reporting.events WHERE tenant_id = ANY($1::uuid[]) AND event_type = $2`, [tenantIds, IntegrationEventTypes.practiceMaturityCalculated]);
  return rows[0].n - assessments;
}

async function runPhase(admin: Pool, http: HttpLoadClient, rate: number, seconds = SECONDS): Promise<PhaseResult> {
  const total = rate * seconds;
  // The load of one phase comes from TENANTS tenants, answer by answer in turn.
  const tenants = await Promise.all(Array.from({ length: TENANTS }, () => TenantClient.create()));
  const tenantIds = tenants.map((t) => t.tenantId);
  const plans = await Promise.all(tenants.map((t, k) => planAnswers(t, Math.floor(total / TENANTS) + (k < total % TENANTS ? 1 : 0))));
  const answers = Array.from({ length: total }, (_, i) => ({ tenant: tenants[i % TENANTS], ...plans[i % TENANTS][Math.floor(i / TENANTS)] }));
  const assessments = new Set(answers.map((a) => a.assessmentId)).size;
  let refused = 0;
  const refusals = new Map<string, number>();
  const refuse = (reason: string) => {
    refused++;
    refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
  };
  const inFlight: Promise<void>[] = [];
  const started = Date.now();
  // Open loop: each answer leaves at its scheduled time whether or not earlier ones were answered.
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1_000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const a = answers[i];
    inFlight.push(
      http.putJson(`/v1/assessments/${a.assessmentId}/answers/${a.questionId}`, a.tenant.auth, { value: a.value }).then(
        (r) => void (r.status === 200 || refuse(`${r.status} ${r.problemType ?? ''}`.trim())),
        (error: { code?: string; message?: string }) => refuse(error.code ?? error.message ?? 'error'),
      ),
    );
  }
  const sendingEnded = Date.now();
  const appliedAtEnd = await appliedCount(admin, tenantIds, assessments);
  await Promise.all(inFlight);
  // Backlog growth over the phase: what was sent but not yet applied when sending ended, per second.
  const backlogSlopePerSecond = (total - refused - appliedAtEnd) / ((sendingEnded - started) / 1_000);
  await eventually(async () => {
    if ((await appliedCount(admin, tenantIds, assessments)) < total - refused) throw new Error('not yet applied');
  }, 300_000, 1_000);
  // Commit to commit: the answer's transaction (its 2xx follows it) to the transaction in which
  // reporting applied the score, with scoring's commit between them (track_commit_timestamp, which
  // deploy/bench.sh turns on; the inbox rows' xmin is the transaction that applied the message).
  const { rows } = await admin.query<{ total: number; toScoring: number; toReporting: number }>(
    // Each table read once for the tenant, then joined by hash: joined in one query, the planner
    // chose nested loops over the inboxes and took minutes.
    `WITH answers AS MATERIALIZED (
       SELECT event_id, pg_xact_commit_timestamp(xmin) AS ac FROM assessment.events WHERE tenant_id = ANY($1::uuid[]) AND event_type = 'AnswerRecorded'),
     scored AS MATERIALIZED (
       SELECT event_id, pg_xact_commit_timestamp(xmin) AS sc FROM scoring.inbox WHERE consumer = 'scoring' AND tenant_id = ANY($1::uuid[])),
     scores AS MATERIALIZED (
       SELECT event_id, metadata->>'causationId' AS cause FROM scoring.events WHERE tenant_id = ANY($1::uuid[]) AND event_type = 'ScoresCalculated'),
     reported AS MATERIALIZED (
       SELECT event_id, pg_xact_commit_timestamp(xmin) AS rc FROM reporting.inbox WHERE consumer = 'reporting' AND tenant_id = ANY($1::uuid[]))
     SELECT extract(epoch FROM rc - ac) * 1000 AS total, extract(epoch FROM sc - ac) * 1000 AS "toScoring", extract(epoch FROM rc - sc) * 1000 AS "toReporting"
     FROM answers a
     JOIN scored s ON s.event_id = a.event_id
     JOIN scores e ON e.cause = a.event_id::text
     JOIN reported r ON r.event_id = e.event_id`,
    [tenantIds],
  );
  const sorted = (key: keyof (typeof rows)[number]) => rows.map((r) => Number(r[key])).sort((a, b) => a - b);
  return { rate, sent: total, refused, refusals, backlogSlopePerSecond, latenciesMs: sorted('total'), toScoringMs: sorted('toScoring'), toReportingMs: sorted('toReporting') };
}

const isFlat = (r: PhaseResult) => r.backlogSlopePerSecond < r.rate * 0.05;

function describePhase(r: PhaseResult): string {
  const l = r.latenciesMs;
  const hop = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(0)} / p99 ${percentile(xs, 99).toFixed(0)} ms`;
  const refusals = r.refused ? ` (${[...r.refusals].map(([why, n]) => `${why}: ${n}`).join(', ')})` : '';
  return [
    `n=${l.length}  p50 ${percentile(l, 50).toFixed(0)} ms  p95 ${percentile(l, 95).toFixed(0)} ms  p99 ${percentile(l, 99).toFixed(0)} ms  max ${l[l.length - 1].toFixed(0)} ms`,
    `backlog ${r.backlogSlopePerSecond.toFixed(1)}/s ${isFlat(r) ? '(flat)' : '(growing)'}  refused ${r.refused}${refusals}`,
    `hops: answer → scoring ${hop(r.toScoringMs)}, scoring → reporting ${hop(r.toReportingMs)}`,
  ].join('  ');
}

async function main() {
  const services = [new ServiceProcess('assessment'), new ServiceProcess('scoring'), new ServiceProcess('reporting')];
  const admin = createPool({ connectionString: ADMIN_URL, applicationName: 'bench-latency', max: 2 });
  const http = new HttpLoadClient(serviceUrl('assessment'));
  await Promise.all(services.map((s) => s.start()));
  try {
    console.log(`answer → reporting latency (commit to commit), open loop, ${SECONDS} s per rate, ${TENANTS} tenant(s), Kafka client ${kafkaClientFromEnv()}`);
    if (WARM_UP_SECONDS > 0) console.log(`warm-up   ${describePhase(await runPhase(admin, http, Math.min(...RATES), WARM_UP_SECONDS))}`);
    let sustained = 0;
    for (const rate of RATES) {
      const r = await runPhase(admin, http, rate);
      if (isFlat(r) && r.refused === 0) sustained = Math.max(sustained, rate);
      console.log(`${String(rate).padStart(4)}/s    ${describePhase(r)}`);
    }
    console.log(`highest rate sustained with a flat backlog: ${sustained || 'none'} answers/s`);
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    http.close();
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
