// npm run bench (second part): answer accepted over HTTP → reporting applying its score, under
// open-loop load at fixed rates, on this machine with everything on it. Latency is read afterwards
// from timestamps the system records anyway (never by polling during the load): the answer event's
// recorded_at in assessment, joined through the score event's causation id in scoring, to the
// reporting inbox row's processed_at. All three come from the one PostgreSQL clock.
//   BENCH_RATES=50,150,300  answers per second, one phase each
//   BENCH_SECONDS=30        length of each phase
import { Pool } from 'pg';
import { createPool } from '@assay/postgres';
import { ADMIN_URL, ServiceProcess, TenantClient, eventually, planAnswers } from '@assay/testing';

const RATES = (process.env.BENCH_RATES ?? '50,150,300').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);

interface PhaseResult {
  rate: number;
  sent: number;
  refused: number;
  /** Why answers were refused: HTTP status or client error code, with counts. */
  refusals: Map<string, number>;
  backlogSlopePerSecond: number;
  latenciesMs: number[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function appliedCount(admin: Pool, tenantId: string): Promise<number> {
  const { rows } = await admin.query(`SELECT count(*)::int AS n FROM reporting.inbox WHERE tenant_id = $1 AND consumer = 'reporting'`, [tenantId]);
  return rows[0].n;
}

async function runPhase(admin: Pool, rate: number): Promise<PhaseResult> {
  const tenant = await TenantClient.create();
  const total = rate * SECONDS;
  const answers = await planAnswers(tenant, total);
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
      tenant.answer(a.assessmentId, a.questionId, a.value).then(
        (r) => void (r.status === 200 || refuse(`${r.status} ${(r.body as { type?: string } | undefined)?.type ?? ''}`.trim())),
        // fetch reports a lost connection as "fetch failed" and the reason (ECONNRESET, a timeout) as its cause.
        (error: { code?: string; message?: string; cause?: { code?: string; message?: string } }) => refuse(error.cause?.code ?? error.cause?.message ?? error.code ?? error.message ?? 'error'),
      ),
    );
  }
  const sendingEnded = Date.now();
  const appliedAtEnd = await appliedCount(admin, tenant.tenantId);
  await Promise.all(inFlight);
  // Backlog growth over the phase: what was sent but not yet applied when sending ended, per second.
  const backlogSlopePerSecond = (total - refused - appliedAtEnd) / ((sendingEnded - started) / 1_000);
  await eventually(async () => {
    if ((await appliedCount(admin, tenant.tenantId)) < total - refused) throw new Error('not yet applied');
  }, 300_000, 1_000);
  const { rows } = await admin.query<{ ms: number }>(
    `SELECT extract(epoch FROM ri.processed_at - ae.recorded_at) * 1000 AS ms
     FROM assessment.events ae
     JOIN scoring.events se ON se.tenant_id = ae.tenant_id AND se.metadata->>'causationId' = ae.event_id::text
     JOIN reporting.inbox ri ON ri.consumer = 'reporting' AND ri.event_id = se.event_id
     WHERE ae.tenant_id = $1 AND ae.event_type = 'AnswerRecorded'`,
    [tenant.tenantId],
  );
  return { rate, sent: total, refused, refusals, backlogSlopePerSecond, latenciesMs: rows.map((r) => Number(r.ms)).sort((a, b) => a - b) };
}

async function main() {
  const services = [new ServiceProcess('assessment'), new ServiceProcess('scoring'), new ServiceProcess('reporting')];
  const admin = createPool({ connectionString: ADMIN_URL, applicationName: 'bench-latency', max: 2 });
  await Promise.all(services.map((s) => s.start()));
  try {
    console.log(`answer → reporting latency, open loop, ${SECONDS} s per rate`);
    let sustained = 0;
    for (const rate of RATES) {
      const r = await runPhase(admin, rate);
      const l = r.latenciesMs;
      const flat = r.backlogSlopePerSecond < rate * 0.05;
      if (flat && r.refused === 0) sustained = Math.max(sustained, rate);
      console.log(
        `${String(rate).padStart(4)}/s  n=${l.length}  p50 ${percentile(l, 50).toFixed(0)} ms  p95 ${percentile(l, 95).toFixed(0)} ms  p99 ${percentile(l, 99).toFixed(0)} ms  max ${l[l.length - 1].toFixed(0)} ms  backlog ${r.backlogSlopePerSecond.toFixed(1)}/s ${flat ? '(flat)' : '(growing)'}  refused ${r.refused}${r.refused ? ` (${[...r.refusals].map(([why, n]) => `${why}: ${n}`).join(', ')})` : ''}`,
      );
    }
    console.log(`highest rate sustained with a flat backlog: ${sustained || 'none'} answers/s`);
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
