import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createPool } from '@assay/postgres';
import { ADMIN_URL, ApiResponse, TenantClient, eventually, daysAgo, withRunningServices } from '@assay/testing';

const RESOURCE_GUIDE = { id: 'ai-security-resource-guide', version: '1.0' };
/** A report whose 12 months of validity run from its period end (`endedDaysAgo`), its observation period 9 months long. */
const soc2 = (endedDaysAgo = 60) => ({
  typeId: 'soc2-type2',
  title: `SOC 2 Type 2 to ${daysAgo(endedDaysAgo)}`,
  metadata: { issuer: 'Audit LLP', scope: 'Claims platform', periodStart: daysAgo(endedDaysAgo + 270), periodEnd: daysAgo(endedDaysAgo) },
});
const pdf = () => Buffer.from(`%PDF-1.7\nSOC 2 report ${randomBytes(8).toString('hex')}\n`);

describe('Evidence links, review and suggestions (assessment → Kafka → evidence, as processes)', () => {
  withRunningServices(['assessment', 'evidence']);
  let admin: Pool;
  let ana: TenantClient;
  let rui: TenantClient;
  let guideAssessment: string;
  let aimaAssessment: string;

  beforeAll(async () => {
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'evidence-links-spec', max: 2 });
    ana = await TenantClient.create(undefined, ['assessor'], 'ana');
    rui = await ana.as('rui', ['reviewer']);
    guideAssessment = await ana.startAssessment('Vendor review', RESOURCE_GUIDE);
    aimaAssessment = await ana.startAssessment('AI programme');
  });
  afterAll(() => admin.end());

  /** A link names an assessment the evidence service learns from Kafka: retried until it has. */
  const link = (evidenceId: string, assessmentId: string, nodeId: string) =>
    eventually(async () => {
      const r = await ana.call('evidence', 'POST', `/v1/evidence/${evidenceId}/links`, { assessmentId, nodeId });
      if (r.body?.type?.endsWith('/unknown-assessment')) throw new Error('assessment not known yet');
      return r;
    }, 30_000, 250);

  it('one SOC 2 report backs items of two frameworks; unknown items are refused', async () => {
    const up = await ana.upload('/v1/evidence', soc2(), pdf(), 'soc2.pdf');
    const id = up.body.id;
    const first = await link(id, guideAssessment, 'S2.a');
    expect(first.status).toBe(200);
    const second = await link(id, aimaAssessment, 'RA-ESI-A1');
    expect(second.body.links).toEqual([
      { assessmentId: guideAssessment, nodeId: 'S2.a', frameworkId: 'ai-security-resource-guide', frameworkVersion: '1.0' },
      { assessmentId: aimaAssessment, nodeId: 'RA-ESI-A1', frameworkId: 'owasp-aima', frameworkVersion: '1.0' },
    ]);
    const listed = await ana.call('evidence', 'GET', `/v1/evidence?assessmentId=${aimaAssessment}`);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([id]);

    const unknownNode = await link(id, guideAssessment, 'RA-ESI-A1');
    expect(unknownNode.status).toBe(422);
    expect(unknownNode.body.type).toBe('https://assay.dev/problems/unknown-node');
    const unknownAssessment = await ana.call('evidence', 'POST', `/v1/evidence/${id}/links`, { assessmentId: '00000000-0000-4000-8000-000000000000', nodeId: 'S2.a' });
    expect(unknownAssessment.status).toBe(422);

    const unlinked = await ana.call('evidence', 'DELETE', `/v1/evidence/${id}/links/${aimaAssessment}/RA-ESI-A1`);
    expect(unlinked.body.links).toHaveLength(1);
    const again = await ana.call('evidence', 'DELETE', `/v1/evidence/${id}/links/${aimaAssessment}/RA-ESI-A1`);
    expect(again.status).toBe(404);
    expect(again.body.type).toBe('https://assay.dev/problems/not-linked');
  });

  it('a reviewer verifies or rejects with a reason; the uploader cannot; a new revision keeps the old one readable and waits for review', async () => {
    const first = pdf();
    const up = await ana.upload('/v1/evidence', soc2(), first, 'soc2-q3.pdf');
    const id = up.body.id;
    const own: ApiResponse = await (await ana.as('ana', ['assessor', 'reviewer'])).call('evidence', 'POST', `/v1/evidence/${id}/verify`, { revision: 1 });
    expect(own.status).toBe(403);
    expect(own.body.type).toBe('https://assay.dev/problems/four-eyes');
    expect((await ana.call('evidence', 'POST', `/v1/evidence/${id}/verify`, { revision: 1 })).status).toBe(403); // an assessor may not review at all

    const stale = await rui.call('evidence', 'POST', `/v1/evidence/${id}/verify`, { revision: 1 }, { 'if-match': 'W/"7"' });
    expect(stale.status).toBe(409);
    const verified = await rui.call('evidence', 'POST', `/v1/evidence/${id}/verify`, { revision: 1, note: 'scope matches the claims platform' }, { 'if-match': up.headers.get('etag')! });
    expect(verified.status).toBe(200);
    expect(verified.body.review).toMatchObject({ status: 'verified', by: 'rui', note: 'scope matches the claims platform' });

    const noReason = await rui.call('evidence', 'POST', `/v1/evidence/${id}/reject`, { revision: 1, reason: '   ' });
    expect(noReason.status).toBe(422);
    const rejected = await rui.call('evidence', 'POST', `/v1/evidence/${id}/reject`, { revision: 1, reason: 'the bridge letter is missing' });
    expect(rejected.body.review).toMatchObject({ status: 'rejected', reason: 'the bridge letter is missing' });

    const second = pdf();
    const revised = await ana.upload(`/v1/evidence/${id}/revisions`, soc2(2), second, 'soc2-q4.pdf');
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ revision: 2, review: { status: 'pending' }, validity: { effectiveOn: daysAgo(2) } });
    expect(revised.body.revisions.map((r: { revision: number; review: { status: string } }) => [r.revision, r.review.status])).toEqual([[1, 'rejected'], [2, 'pending']]);
    expect((await ana.download('evidence', `/v1/evidence/${id}/revisions/1/content`)).bytes.equals(first)).toBe(true);
    expect((await ana.download('evidence', `/v1/evidence/${id}/revisions/2/content`)).bytes.equals(second)).toBe(true);
    const old = await rui.call('evidence', 'POST', `/v1/evidence/${id}/verify`, { revision: 1 });
    expect(old.status).toBe(409);
    expect(old.body.type).toBe('https://assay.dev/problems/not-current-revision');
    const history = await (await ana.as('val', ['viewer'])).call('evidence', 'GET', `/v1/evidence/${id}/history`);
    expect(history.body.items.map((e: { type: string; data: { verifiedBy?: string; rejectedBy?: string; uploadedBy?: string; revisedBy?: string } }) => [e.type, e.data.uploadedBy ?? e.data.verifiedBy ?? e.data.rejectedBy ?? e.data.revisedBy])).toEqual([
      ['EvidenceUploaded', 'ana'],
      ['EvidenceVerified', 'rui'],
      ['EvidenceRejected', 'rui'],
      ['EvidenceRevised', 'ana'],
    ]);
    expect(JSON.stringify(history.body)).not.toContain('blobId');
    const otherType = await ana.upload(`/v1/evidence/${id}/revisions`, { typeId: 'model-card', metadata: { issuer: 'a', scope: 'b', issuedOn: '2026-01-01' } }, pdf(), 'card.pdf');
    expect(otherType.status).toBe(422);
    expect(otherType.body.type).toBe('https://assay.dev/problems/type-mismatch');
  });

  it('an expired report cannot be verified and is suggested nowhere', async () => {
    const old = await ana.upload('/v1/evidence', soc2(400), pdf(), 'soc2-last-year.pdf');
    expect(Date.parse(old.body.validity.expiresAt)).toBeLessThan(Date.now());
    expect(old.body.expired).toBe(true); // its validity had ended when it was recorded: expired at once, no job needed
    const verify = await rui.call('evidence', 'POST', `/v1/evidence/${old.body.id}/verify`, { revision: 1 });
    expect(verify.status).toBe(409);
    expect(verify.body.type).toBe('https://assay.dev/problems/expired');
    const s = await ana.call('evidence', 'GET', `/v1/assessments/${guideAssessment}/evidence-suggestions`);
    expect(s.body.items.flatMap((i: { heldEvidence: { id: string }[] }) => i.heldEvidence.map((e) => e.id))).not.toContain(old.body.id);
  });

  it('suggests, for unanswered items, the evidence types their hints name and the fitting evidence the tenant holds', async () => {
    const up = await ana.upload('/v1/evidence', soc2(), pdf(), 'soc2-again.pdf');
    await link(up.body.id, guideAssessment, 'S2.d');
    const s = await ana.call('evidence', 'GET', `/v1/assessments/${guideAssessment}/evidence-suggestions`);
    expect(s.status).toBe(200);
    const item = s.body.items.find((i: { nodeId: string }) => i.nodeId === 'S2.d');
    expect(item).toMatchObject({ status: 'unanswered', evidenceTypes: [{ typeId: 'soc2-type2', via: [] }, { typeId: 'sig-lite', via: [] }] });
    expect(item.heldEvidence).toContainEqual(expect.objectContaining({ id: up.body.id, typeId: 'soc2-type2', linked: true }));
    const privacy = s.body.items.find((i: { nodeId: string }) => i.nodeId === 'S2.f');
    expect(privacy.evidenceTypes.map((t: { typeId: string }) => t.typeId)).toEqual(['iso42001-certificate', 'hipaa-report']);
    expect(privacy.heldEvidence).toEqual([]);
  });

  it('publishes every evidence event within its contract: nothing parked by the relay', async () => {
    await eventually(async () => {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM evidence.events e WHERE e.tenant_id = $1`, [ana.tenantId]);
      const parked = await admin.query(`SELECT count(*)::int AS n FROM evidence.relay_parked_events WHERE tenant_id = $1`, [ana.tenantId]);
      expect(rows[0].n).toBeGreaterThan(5);
      expect(parked.rows[0].n).toBe(0);
    }, 10_000, 250);
  });
});
