// The seeded demo: one tenant answers part of an OWASP AIMA assessment over the REST API and
// watches the score arrive in reporting through Kafka. Prints each step as it happens.
import { randomUUID } from 'node:crypto';
import { issueToken, jwtSecret } from '@assay/tenancy';
import { evidenceDemo } from './demo-evidence';
import { historyDemo } from './demo-history';
import { reviewDemo } from './demo-review';

const assessmentUrl = `http://127.0.0.1:${process.env.ASSESSMENT_PORT ?? 3001}`;
const reportingUrl = `http://127.0.0.1:${process.env.REPORTING_PORT ?? 3003}`;

// Governance · Strategy & Metrics and Operations · Incident Management, streams A/B, levels 1–3.
const answers: Record<string, number> = {
  'GOV-SM-A1': 3, 'GOV-SM-A2': 2, 'GOV-SM-A3': 1, 'GOV-SM-B1': 3, 'GOV-SM-B2': 2, 'GOV-SM-B3': 0,
  'OPS-IM-A1': 2, 'OPS-IM-A2': 2, 'OPS-IM-B1': 1,
};

async function call(method: string, url: string, token: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function main() {
  const tenantId = randomUUID();
  const token = await issueToken(jwtSecret(), { tenantId, subject: 'demo-assessor', roles: ['assessor'] });
  console.log(`1. Tenant ${tenantId} signed in (locally issued JWT).`);

  const started = await call('POST', `${assessmentUrl}/v1/assessments`, token, { frameworkId: 'owasp-aima', frameworkVersion: '1.0', title: 'Demo: AI programme FY27' });
  if (started.status !== 201) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  const assessmentId = started.body.id as string;
  console.log(`2. Started OWASP AIMA 1.0 assessment ${assessmentId} → POST /v1/assessments ${started.status}`);

  for (const [questionId, value] of Object.entries(answers)) {
    const r = await call('PUT', `${assessmentUrl}/v1/assessments/${assessmentId}/answers/${questionId}`, token, { value });
    if (r.status !== 200) throw new Error(`answer failed: ${JSON.stringify(r.body)}`);
  }
  console.log(`3. Answered ${Object.keys(answers).length} questions (GOV-SM all six, OPS-IM three).`);
  const bad = await call('PUT', `${assessmentUrl}/v1/assessments/${assessmentId}/answers/GOV-SM-A1`, token, { value: 5 });
  console.log(`4. A bad answer (5) is refused: ${bad.status} ${bad.body.type} — ${bad.body.detail}`);

  console.log('5. Waiting for assessment → Kafka → scoring → Kafka → reporting ...');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const card = await call('GET', `${reportingUrl}/v1/scorecards/latest`, token);
    if (card.status === 200 && card.body.answersApplied === Object.keys(answers).length) {
      const practices = card.body.nodes.flatMap((d: any) => d.children).filter((p: any) => p.score > 0);
      console.log(`6. Scorecard visible in reporting, as the framework's tree (${card.body.scoringModelId} ${card.body.scoringModelVersion}):`);
      for (const p of practices) console.log(`     ${p.nodeId.padEnd(7)} ${p.name.padEnd(28)} maturity ${p.score.toFixed(2)} / ${p.max}`);
      console.log(`     overall ${card.body.overall.score.toFixed(3)} / ${card.body.overall.max}; ${card.body.answeredQuestions} answers, each applied once (${card.body.scoreEventsApplied} score events: the opening one, then one per answer).`);
      console.log('   Expected by the toolkit formula: GOV-SM (3+2+1+3+2+0)/6 = 1.83, OPS-IM (2+2+1)/6 = 0.83.');
      await previewIso42001(token, assessmentId);
      await operatorView();
      const aismmId = await reviewDemo(tenantId);
      await evidenceDemo(tenantId, assessmentId);
      await historyDemo(tenantId, assessmentId, aismmId);
      return;
    }
    if (Date.now() > deadline) throw new Error(`scorecard not complete after 60 s: ${JSON.stringify(card.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the same answers imply for ISO/IEC 42001, along the shipped crosswalks. */
async function previewIso42001(token: string, assessmentId: string) {
  const preview = await call('GET', `${assessmentUrl}/v1/assessments/${assessmentId}/crosswalk-preview?targetFramework=iso-iec-42001&targetVersion=2023`, token);
  console.log('7. Crosswalk preview to ISO/IEC 42001:2023 (derived, not stored):');
  for (const d of preview.body.derived) {
    const p = d.provenance[0];
    const path = p.path.map((s: any) => `${s.from} ${s.relationship} ${s.to}`).join(' → ');
    console.log(`     clause ${String(d.nodeId).padEnd(5)} ${d.status.padEnd(15)} attainment ${d.attainment.toFixed(2)}${d.carriesMaturity ? '' : ' (coverage only)'}  via ${path}`);
  }
}

/** What an operator watches: the spine's health on each service's /metrics (sampled, not live). */
async function operatorView() {
  console.log('8. Operator view (GET /metrics; gauges sampled every 5 s): outbox backlog, parked events, consumer outcomes and lag:');
  const services = { assessment: process.env.ASSESSMENT_PORT ?? 3001, scoring: process.env.SCORING_PORT ?? 3002, reporting: process.env.REPORTING_PORT ?? 3003, evidence: process.env.EVIDENCE_PORT ?? 3004 };
  const shown = /^assay_(relay_backlog_events|relay_oldest_unpublished_age_seconds|relay_parked_events|consumer_lag_messages|consumer_messages_total)\{/;
  for (const [name, port] of Object.entries(services)) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const lines = text.split('\n').filter((l) => shown.test(l)).map((l) => l.replace(/,?service="[^"]*"/, ''));
    for (const line of lines) console.log(`     ${name.padEnd(10)} ${line}`);
  }
  console.log('   Parked relay events: node dist/deploy/tools/relay-parked.js <schema> list; dead letters: node dist/deploy/tools/dead-letters.js list <group>.');
}

main().catch((error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
