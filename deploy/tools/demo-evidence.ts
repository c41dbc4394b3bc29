// The evidence part of the seeded demo: a model card and a SOC 2 Type 2 report uploaded, typed by
// their bytes and hashed; the report linked to items of two frameworks and verified by another
// person; suggestions of what evidence would support open items; a short-lived card expiring.
import { createHash, randomBytes } from 'node:crypto';
import { issueToken, jwtSecret } from '@assay/tenancy';

const assessmentUrl = `http://127.0.0.1:${process.env.ASSESSMENT_PORT ?? 3001}`;
const evidenceUrl = `http://127.0.0.1:${process.env.EVIDENCE_PORT ?? 3004}`;

async function call(method: string, url: string, token: string, body?: unknown) {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

async function upload(token: string, metadata: unknown, file: Buffer, fileName: string) {
  const form = new FormData();
  form.append('metadata', JSON.stringify(metadata));
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  const response = await fetch(`${evidenceUrl}/v1/evidence`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as any;
  if (response.status !== 201) throw new Error(`upload of ${fileName} failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

export async function evidenceDemo(tenantId: string, aimaAssessmentId: string): Promise<void> {
  const ana = await issueToken(jwtSecret(), { tenantId, subject: 'demo-assessor', roles: ['assessor'] });
  const rui = await issueToken(jwtSecret(), { tenantId, subject: 'rui', roles: ['reviewer'] });
  const val = await issueToken(jwtSecret(), { tenantId, subject: 'val', roles: ['viewer'] });

  console.log('\nEvidence (evidence service, its own schema, event store and topic)');
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const today = daysAgo(0);
  // A report whose observation period (about nine months) ended two months ago, whenever the demo runs.
  const periodEnd = daysAgo(61);
  const periodStart = daysAgo(61 + 273);
  const cardFile = Buffer.from(`# Model card: claims-triage v3\n\nIntended use: triage of motor claims.\nEvaluation: ${randomBytes(6).toString('hex')}\n`);
  const card = await upload(ana, { typeId: 'model-card', title: 'Claims triage model card', metadata: { issuer: 'Acme AI', scope: 'claims-triage v3', issuedOn: today } }, cardFile, 'model-card.md');
  const reportFile = Buffer.from(`%PDF-1.7\n% SOC 2 Type 2 report, Claims platform, ${randomBytes(6).toString('hex')}\n`);
  const soc2 = await upload(ana, { typeId: 'soc2-type2', title: 'SOC 2 Type 2, claims platform', metadata: { issuer: 'Audit LLP', scope: 'Claims platform', periodStart, periodEnd } }, reportFile, 'report.bin');
  for (const [i, e] of [card, soc2].entries()) {
    const f = e.revisions[0].file;
    const validity = e.validity.expiresOn ? `valid from ${e.validity.effectiveOn} through ${e.validity.expiresOn}` : `valid from ${e.validity.effectiveOn} until revised`;
    console.log(`${i === 0 ? '13.' : '   '} Uploaded ${e.typeName} "${e.title}": detected ${f.contentType} from its bytes (named ${f.fileName}), SHA-256 ${f.sha256.slice(0, 16)}…, ${validity}.`);
  }
  console.log(`    The SOC 2 report's 12 months run from its period end (${periodEnd}), not from today's upload; blobs are AES-256-GCM under the tenant's key.`);

  const guide = await call('POST', `${assessmentUrl}/v1/assessments`, ana, { frameworkId: 'ai-security-resource-guide', frameworkVersion: '1.0', title: 'Demo: vendor review of the claims platform' });
  const link = (assessmentId: string, nodeId: string) =>
    until(`link to ${nodeId}`, async () => {
      const r = await call('POST', `${evidenceUrl}/v1/evidence/${soc2.id}/links`, ana, { assessmentId, nodeId });
      return r.status === 200 ? r.body : undefined; // 422 until the evidence service has learned the assessment from Kafka
    });
  await link(guide.body.id, 'S2.a');
  const linked = await link(aimaAssessmentId, 'OPS-IM-A1');
  console.log(`14. One report backs items of two frameworks: ${linked.links.map((l: any) => `${l.frameworkId} ${l.nodeId}`).join(', ')}.`);

  const own = await call('POST', `${evidenceUrl}/v1/evidence/${soc2.id}/verify`, ana, { revision: 1 });
  const verified = await call('POST', `${evidenceUrl}/v1/evidence/${soc2.id}/verify`, rui, { revision: 1, note: 'Scope covers the claims platform; no exceptions noted' });
  console.log(`15. The uploader may not review (${own.status} ${own.body.type.split('/').pop()}); rui verifies it → ${verified.body.review.status} by ${verified.body.review.by}.`);

  const viewer = await fetch(`${evidenceUrl}/v1/evidence/${soc2.id}/revisions/1/content`, { headers: { authorization: `Bearer ${val}` } });
  const download = await fetch(`${evidenceUrl}/v1/evidence/${soc2.id}/revisions/1/content`, { headers: { authorization: `Bearer ${rui}` } });
  const bytes = Buffer.from(await download.arrayBuffer());
  const matches = createHash('sha256').update(bytes).digest('hex') === soc2.revisions[0].file.sha256;
  console.log(`16. Download: viewer ${viewer.status}; reviewer ${download.status}, ${bytes.length} bytes decrypted as they stream, SHA-256 ${matches ? 'matches' : 'DOES NOT match'} the upload (Repr-Digest ${download.headers.get('repr-digest')}).`);

  const suggestions = await call('GET', `${evidenceUrl}/v1/assessments/${guide.body.id}/evidence-suggestions`, ana);
  console.log('17. Suggestions for open items of the vendor review (from the framework\'s evidence hints):');
  for (const item of suggestions.body.items.slice(0, 3)) {
    const held = item.heldEvidence.map((e: any) => `${e.title} (${e.reviewStatus}${e.linked ? ', linked' : ''})`).join('; ') || 'none held yet';
    console.log(`     ${item.nodeId.padEnd(5)} ${item.name.padEnd(26)} ${item.status}: ${item.evidenceTypes.map((t: any) => t.typeId).join(', ')} — held: ${held}`);
  }

  const expiresAt = new Date(Date.now() + 5_000).toISOString();
  const shortLived = await upload(ana, { typeId: 'model-card', title: 'Pilot model card (valid 5 s)', metadata: { issuer: 'Acme AI', scope: 'pilot', issuedOn: today, validUntil: expiresAt } }, Buffer.from(`# Pilot card ${randomBytes(6).toString('hex')}\n`), 'pilot.md');
  console.log(`18. A card valid until ${expiresAt}: BullMQ holds its expiry job (delayed); waiting for it to fire ...`);
  const expired = await until('expiry', async () => {
    const r = await call('GET', `${evidenceUrl}/v1/evidence/${shortLived.id}`, ana);
    return r.body.expired ? r.body : undefined;
  });
  console.log(`19. Expired at ${expired.updatedAt} (EvidenceExpired appended once, published as evidence.expired; the job only asked, the event store decided).`);
  const metrics = (await (await fetch(`${evidenceUrl}/metrics`)).text()).split('\n').filter((l) => l.startsWith('assay_evidence_expiry_jobs{'));
  console.log(`20. Queue depth on /metrics: ${metrics.map((l) => l.replace(/,?service="[^"]*"/, '').replace('assay_evidence_expiry_jobs', '')).join(' ')}`);
}
