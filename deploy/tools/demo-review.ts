// The second half of the seeded demo: an AI system in the inventory and what its profile excludes,
// a CSA AISMM assessment answered from a CSV questionnaire with its gaps to target, then submitted,
// reviewed by another person and approved. Prints each step as it happens.
import { issueToken, jwtSecret } from '@assay/tenancy';

const assessmentUrl = `http://127.0.0.1:${process.env.ASSESSMENT_PORT ?? 3001}`;
const reportingUrl = `http://127.0.0.1:${process.env.REPORTING_PORT ?? 3003}`;

async function call(method: string, url: string, token: string, body?: unknown, contentType = 'application/json') {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

function ok<T extends { status: number; body: any }>(r: T, what: string): T {
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

const classifier = {
  isGenerativeAi: false, isLlm: false, trainsOwnModel: false, usesRag: false, trainingDataSensitive: false, inputDataSensitive: true,
  deploymentType: 'api-saas', usageScenario: 'verified-augmentation', sourcing: 'acquiring',
};

// A programme self-assessment as a consultancy brings it: one row per AISMM category, level 1–5.
const AISMM_CSV = `questionId,value,note
AISMM-FND-GOV,3,AI inventory and owners in place; risk appetite approved
AISMM-FND-ORG,2,
AISMM-FND-IAM,2,Agent identities not yet separated
AISMM-FND-MON,1,
AISMM-STR-INF,3,
AISMM-STR-MOD,2,
AISMM-STR-APP,1,No prompt or output governance yet
AISMM-STR-DAT,3,
AISMM-PRC-RSK,2,
AISMM-PRC-DEV,2,
AISMM-PRC-PRV,3,
AISMM-PRC-IR,1,No AI-specific incident playbook
`;

async function waitForScorecard(token: string, assessmentId: string, answers: number): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const card = await call('GET', `${reportingUrl}/v1/scorecards/${assessmentId}`, token);
    if (card.status === 200 && card.body.answersApplied === answers) return card.body;
    if (Date.now() > deadline) throw new Error(`scorecard not complete after 60 s: ${JSON.stringify(card.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Returns the approved AISMM assessment, for the history and report steps. */
export async function reviewDemo(tenantId: string): Promise<string> {
  const ana = await issueToken(jwtSecret(), { tenantId, subject: 'ana@acme.test', roles: ['assessor'] });
  const rui = await issueToken(jwtSecret(), { tenantId, subject: 'rui@acme.test', roles: ['reviewer'] });

  const system = ok(
    await call('POST', `${assessmentUrl}/v1/ai-systems`, ana, { name: 'Claims triage classifier', owner: 'ana@acme.test', purpose: 'Routes insurance claims to the right team', lifecycleStage: 'production', profile: classifier }),
    'register AI system',
  ).body;
  console.log(`9. AI system registered: "${system.name}" (v${system.version}) — not GenAI, not an LLM, a bought model used as-is, non-sensitive training data, consumed over an API.`);
  const aix = ok(await call('POST', `${assessmentUrl}/v1/assessments`, ana, { frameworkId: 'owasp-ai-exchange', frameworkVersion: '2025.1', title: 'Claims triage: AI Exchange controls', systemId: system.id }), 'start AI Exchange').body;
  const scoped = (await call('GET', `${assessmentUrl}/v1/assessments/${aix.id}`, ana)).body;
  console.log(`10. Its OWASP AI Exchange assessment leaves out ${scoped.excluded.length} items, each with its reason, e.g.:`);
  for (const e of scoped.excluded.filter((x: any) => ['PROMPTINJECTION', 'DEVDATALEAK', 'DATAPOISON', 'PROMPTINPUTVALIDATION', 'RUNTIMEMODELCONFIDENTIALITY'].includes(x.nodeId))) {
    console.log(`     ${e.kind.padEnd(7)} ${e.nodeId.padEnd(28)} ${e.reason}`);
  }
  const changed = ok(await call('PATCH', `${assessmentUrl}/v1/ai-systems/${system.id}`, ana, { profile: { isGenerativeAi: true, isLlm: true, usesRag: true } }), 'change profile').body;
  const rescoped = (await call('GET', `${assessmentUrl}/v1/assessments/${aix.id}`, ana)).body;
  const back = scoped.excluded.map((e: any) => e.nodeId).filter((id: string) => !rescoped.excluded.some((e: any) => e.nodeId === id));
  console.log(`    The system becomes an LLM with RAG (v${changed.version}): the open assessment re-evaluates in the same transaction; back in scope: ${back.join(', ')}.`);

  const aismm = ok(await call('POST', `${assessmentUrl}/v1/assessments`, ana, { frameworkId: 'csa-aismm', frameworkVersion: '1.0', title: 'AI security programme FY27 (CSA AISMM)' }), 'start AISMM').body;
  const imported = ok(await call('POST', `${assessmentUrl}/v1/assessments/${aismm.id}/imports/csv`, ana, AISMM_CSV, 'text/csv'), 'import CSV').body;
  console.log(`11. CSA AISMM assessment answered from a CSV questionnaire: ${imported.answersInFile} categories, all or nothing (a bad row would be reported by row, column, value and reason).`);
  const definition = (await call('GET', `${assessmentUrl}/v1/frameworks/csa-aismm/versions/1.0`, ana)).body;
  const categories = definition.nodes.flatMap((d: any) => d.children.map((c: any) => ({ id: c.id, name: c.name, target: c.attributes?.typicalTarget ?? 3 })));
  for (const c of categories) ok(await call('PUT', `${assessmentUrl}/v1/assessments/${aismm.id}/targets/${c.id}`, ana, { target: c.target }), 'set target');
  const card = await waitForScorecard(ana, aismm.id, imported.answersInFile);
  const level = new Map<string, number>(card.nodes.flatMap((d: any) => d.children.map((c: any) => [c.nodeId, c.score])));
  const gaps = categories.map((c: any) => ({ ...c, level: level.get(c.id)!, gap: c.target - level.get(c.id)! })).sort((a: any, b: any) => b.gap - a.gap);
  console.log(`    Scores in reporting (${card.scoringModelId}): overall level ${card.overall.score.toFixed(2)} of 5; domains ${card.nodes.map((d: any) => `${d.name} ${d.score.toFixed(2)}`).join(', ')}.`);
  console.log('    Highest gaps to target, the two or three categories CSA advises starting with:');
  for (const g of gaps.slice(0, 3)) console.log(`     ${g.name.padEnd(30)} level ${g.level} → target ${g.target} (gap ${g.gap})`);

  console.log(`12. Review: ${ok(await call('POST', `${assessmentUrl}/v1/assessments/${aismm.id}/submit`, ana), 'submit').body.status} by ana@acme.test.`);
  const self = await call('POST', `${assessmentUrl}/v1/assessments/${aismm.id}/approve`, ana);
  console.log(`    ana tries to approve her own submission: ${self.status} ${self.body.type.split('/').pop()} (she has no reviewer role; a submitter holding one meets four-eyes).`);
  console.log(`    rui@acme.test (reviewer): ${ok(await call('POST', `${assessmentUrl}/v1/assessments/${aismm.id}/review`, rui), 'review').body.status} → ${ok(await call('POST', `${assessmentUrl}/v1/assessments/${aismm.id}/approve`, rui, { comment: 'Agreed; start with incident response and application security.' }), 'approve').body.status}.`);
  const late = await call('PUT', `${assessmentUrl}/v1/assessments/${aismm.id}/answers/AISMM-PRC-IR`, ana, { value: 2 });
  console.log(`    Approved is immutable: a late answer gets ${late.status} ${late.body.type.split('/').pop()}; a change is a new revision (POST /v1/assessments/{id}/revisions).`);
  return aismm.id;
}
