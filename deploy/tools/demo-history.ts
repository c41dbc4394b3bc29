// The history and reports part of the seeded demo: claimed against assured scores, a scorecard as
// of an earlier instant, the roadmap, a report in five formats built as a job and rebuilt to the
// same bytes, and an operator rebuilding reporting's read models from its log.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueToken, jwtSecret } from '@assay/tenancy';

const reportingUrl = `http://127.0.0.1:${process.env.REPORTING_PORT ?? 3003}`;
const outDir = join(process.env.ASSAY_ROOT ?? process.cwd(), '.data', 'demo-reports');

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(reportingUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const node = (tree: any[], id: string): any => tree.flatMap((n) => [n, ...n.children]).find((n) => n.nodeId === id);
const fixed = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(2));

async function builtReport(token: string, id: string) {
  let shown = '';
  return until('report', async () => {
    const r = await call('GET', `/v1/reports/${id}`, token);
    if (r.body.state === 'failed') throw new Error(`report failed: ${r.body.error}`);
    const stage = `${r.body.progress.stage} ${r.body.progress.percent}%`;
    if (stage !== shown) console.log(`     ${(shown = stage)}`);
    return r.body.state === 'succeeded' ? r.body : undefined;
  });
}

export async function historyDemo(tenantId: string, aimaId: string, aismmId: string): Promise<void> {
  const ana = await issueToken(jwtSecret(), { tenantId, subject: 'demo-assessor', roles: ['assessor'] });
  const admin = await issueToken(jwtSecret(), { tenantId, subject: 'demo-admin', roles: ['admin'] });
  const ops = await issueToken(jwtSecret(), { tenantId, subject: 'platform-operator', roles: ['operator'] });

  const now = await until('assured scores in reporting', async () => {
    const r = await call('GET', `/v1/assessments/${aimaId}/scorecard`, ana);
    return r.body?.assured ? r.body : undefined;
  });
  const [claimed, assured] = [node(now.claimed.nodes, 'OPS-IM'), node(now.assured.nodes, 'OPS-IM')];
  console.log(`21. Claimed and assured (AIMA): OPS-IM claimed ${fixed(claimed.score)}, assured ${fixed(assured.score)} — only OPS-IM-A1 is backed by the verified SOC 2 report; overall ${fixed(now.claimed.overall.score)} claimed, ${fixed(now.assured.overall.score)} assured.`);
  const history = (await call('GET', `/v1/assessments/${aimaId}/history?nodeId=OPS-IM`, ana)).body;
  const verifiedAt = history.assured[0].at;
  const before = (await call('GET', `/v1/assessments/${aimaId}/scorecard?asOf=${new Date(Date.parse(verifiedAt) - 1).toISOString()}`, ana)).body;
  console.log(`22. As of the millisecond before the report was verified (${verifiedAt}): assured ${before.assured ? fixed(before.assured.overall.score) : 'none yet'}, claimed ${fixed(before.claimed.overall.score)}. OPS-IM's history: ${history.claimed.length} claimed change(s), ${history.assured.length} assured (cause: ${history.assured.map((p: any) => p.cause.change).join(', ')}).`);

  // Scoring publishes what the claimed and the assured scores imply in every framework the crosswalks reach; reporting keeps the latest set.
  const derived = await until('derived scores in reporting', async () => {
    const r = await call('GET', `/v1/assessments/${aimaId}/derived-scores`, ana);
    return r.body?.frameworks?.some((f: any) => f.basis === 'assured') ? r.body : undefined;
  });
  console.log(`23. Derived from the AIMA scores along the crosswalks (${derived.frameworks[0].inference.id} ${derived.frameworks[0].inference.version}; stored, marked derived, GET /v1/assessments/{id}/derived-scores):`);
  for (const f of derived.frameworks) {
    const shown = f.values.slice(0, 3).map((v: any) => `${v.nodeId} ${fixed(v.attainment)}${v.carriesMaturity ? '' : '*'} via ${v.provenance[0].source.nodeId}`);
    console.log(`     ${`${f.frameworkId} ${f.frameworkVersion}`.padEnd(22)} ${f.basis.padEnd(8)} ${String(f.values.length).padStart(2)} node(s): ${shown.join(', ')}${f.values.length > 3 ? ', …' : ''}`);
  }
  console.log('   Attainment 0–1 on the target; * = coverage only (a subset or overlap mapping caps it at 0.50). Assured sets count only OPS-IM-A1, the backed answer.');

  const roadmap = (await call('GET', `/v1/assessments/${aismmId}/roadmap`, ana)).body;
  console.log(`24. AISMM roadmap (gap + half the part without evidence, × threats mitigated): focus on ${roadmap.focus.join(', ')}:`);
  for (const r of roadmap.roadmap.slice(0, 4)) console.log(`     ${String(r.rank).padStart(2)}. ${r.name.padEnd(30)} gap ${r.gap}, without evidence ${r.evidenceShortfall}, priority ${r.priority}`);

  await call('PUT', '/v1/report-branding', admin, { name: 'Acme Insurance', colours: { primary: '#0b5394', accent: '#cc4125' } });
  const requested = await call('POST', '/v1/reports', ana, { assessmentId: aismmId });
  console.log(`25. Report requested (${requested.status}, a BullMQ job); progress:`);
  const report = await builtReport(ana, requested.body.id);
  mkdirSync(outDir, { recursive: true });
  for (const file of report.files) {
    const bytes = Buffer.from(await (await fetch(reportingUrl + file.href, { headers: { authorization: `Bearer ${ana}` } })).arrayBuffer());
    writeFileSync(join(outDir, `aismm-report.${file.format}`), bytes);
    console.log(`     ${file.format.padEnd(4)} ${String(file.bytes).padStart(8)} bytes  sha256 ${file.sha256.slice(0, 16)}…`);
  }
  let pages = '';
  try {
    pages = `, ${/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(outDir, 'aismm-report.pdf')], { encoding: 'utf8' }))?.[1]} PDF pages`;
  } catch {
    // pdfinfo (poppler-utils) is a test tool; the demo does without it.
  }
  console.log(`    Saved to ${outDir} (open aismm-report.html in a browser${pages}); built from ${Object.entries(report.positions).map(([s, v]) => `${s}@${v}`).join(', ')}.`);

  const again = await builtReport(ana, (await call('POST', `/v1/reports/${report.id}/rebuild`, ana)).body.id);
  const same = ['json', 'csv', 'html'].map((f) => `${f} ${again.files.find((x: any) => x.format === f).sha256 === report.files.find((x: any) => x.format === f).sha256 ? 'identical' : 'DIFFERENT'}`);
  console.log(`26. Rebuilt from the recorded positions: ${same.join(', ')} (sha256).`);

  const rebuild = await call('POST', '/v1/operations/read-model-rebuilds', ops);
  console.log(`27. An operator rebuilds reporting's read models from its log (${rebuild.status}); the live tables keep serving until the swap:`);
  const done = await until('read-model rebuild', async () => {
    const r = await call('GET', `/v1/operations/read-model-rebuilds/${rebuild.body.id}`, ops);
    if (r.body.state === 'failed') throw new Error(`rebuild failed: ${r.body.error}`);
    return r.body.state === 'succeeded' ? r.body : undefined;
  }, 300_000);
  console.log(`     ${done.result.eventsApplied} events in ${done.result.seconds.toFixed(1)} s (${done.progress.eventsPerSecond}/s), swapped in at log position ${done.result.checkpoint.globalPosition}.`);
  const after = (await call('GET', `/v1/assessments/${aimaId}/scorecard`, ana)).body;
  console.log(`     The AIMA scorecard after the swap: claimed ${fixed(after.claimed.overall.score)}, assured ${fixed(after.assured.overall.score)} — as before.`);
}
