import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createPool } from '@assay/postgres';
import { ADMIN_URL, TenantClient, eventually, withRunningServices } from '@assay/testing';

const AISMM = { id: 'csa-aismm', version: '1.0' };

/**
 * assessment and evidence → Kafka → scoring → reporting, as processes: assured scores count only
 * answers backed by verified, unexpired evidence, and reporting's history has the expiry at its instant.
 */
describe('Assured scores from evidence', () => {
  withRunningServices(['assessment', 'scoring', 'evidence', 'reporting']);
  let admin: Pool;

  beforeAll(() => {
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'assured-scores-spec', max: 2 });
  });
  afterAll(() => admin.end());

  const assuranceOf = async (assessmentId: string) =>
    (await admin.query(`SELECT data, occurred_at FROM scoring.events WHERE stream_id = $1 AND event_type = 'AssuranceCalculated' ORDER BY stream_version`, [`scorecard-${assessmentId}`])).rows.map(
      (r) => ({ ...r.data, occurredAt: r.occurred_at as Date }),
    );
  const scoreOf = (event: { nodes: { nodeId: string; score: number }[] }, nodeId: string) => event.nodes.find((n) => n.nodeId === nodeId)?.score;

  it('a verified document backing an answer makes it count; its expiry takes it away at that instant, and only then', async () => {
    const ana = await TenantClient.create(undefined, ['assessor'], 'ana');
    const rui = await ana.as('rui', ['reviewer']);
    const assessmentId = await ana.startAssessment('AI programme', AISMM);
    expect((await ana.answer(assessmentId, 'AISMM-FND-GOV', 3)).status).toBe(200);
    expect((await ana.answer(assessmentId, 'AISMM-FND-ORG', 2)).status).toBe(200);

    const today = new Date().toISOString().slice(0, 10);
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const card = await ana.upload('/v1/evidence', { typeId: 'model-card', title: 'Governance charter card', metadata: { issuer: 'Acme', scope: 'AI programme', issuedOn: today, validUntil: nextYear } }, Buffer.from(`# Card ${randomBytes(6).toString('hex')}\n`), 'card.md');
    expect(card.status).toBe(201);
    await eventually(async () => {
      const r = await ana.call('evidence', 'POST', `/v1/evidence/${card.body.id}/links`, { assessmentId, nodeId: 'AISMM-FND-GOV' });
      expect(r.status).toBe(200);
    }, 30_000, 250);
    // The short validity starts once the link exists: how long evidence takes to learn of the
    // assessment (Kafka, a busy suite) must not eat into the time before the expiry.
    const expiresAt = new Date(Date.now() + 12_000).toISOString();
    expect((await ana.call('evidence', 'PUT', `/v1/evidence/${card.body.id}/validity`, { validUntil: expiresAt })).status).toBe(200);
    expect(await assuranceOf(assessmentId)).toEqual([]); // linked but not verified: nothing is assured yet
    expect((await rui.call('evidence', 'POST', `/v1/evidence/${card.body.id}/verify`, { revision: 1 })).status).toBe(200);

    const [verified] = await eventually(async () => {
      const events = await assuranceOf(assessmentId);
      expect(events).toHaveLength(1);
      return events;
    }, 20_000, 200);
    expect(verified).toMatchObject({ cause: { kind: 'evidence', evidenceId: card.body.id, change: 'verified' }, backed: ['AISMM-FND-GOV'], scoringModelId: 'cmm-staged' });
    expect(scoreOf(verified, 'AISMM-FND-GOV')).toBe(3);
    expect(scoreOf(verified, 'AISMM-FND-ORG')).toBe(1); // answered 2 with nothing behind it: not assured

    const expired = await eventually(async () => {
      const events = await assuranceOf(assessmentId);
      expect(events).toHaveLength(2);
      return events[1];
    }, 30_000, 250);
    expect(expired).toMatchObject({ cause: { change: 'expired' }, backed: [] });
    expect(scoreOf(expired, 'AISMM-FND-GOV')).toBe(1);
    expect(expired.occurredAt.getTime()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    expect(verified.occurredAt.getTime()).toBeLessThan(Date.parse(expiresAt));
    // The figures hold from the expiry instant itself, not from when the job noticed it.
    expect(expired.calculatedAt).toBe(expiresAt);

    // Reporting's history, as of the last millisecond before the expiry and as of the expiry.
    const asOf = async (instant: number) => {
      const r = await ana.call('reporting', 'GET', `/v1/assessments/${assessmentId}/scorecard?asOf=${new Date(instant).toISOString()}`);
      expect(r.status).toBe(200);
      const gov = (basis: 'claimed' | 'assured') => r.body[basis]?.nodes.flatMap((d: { children: { nodeId: string; score: number }[] }) => d.children).find((c: { nodeId: string }) => c.nodeId === 'AISMM-FND-GOV')?.score;
      return { claimed: gov('claimed'), assured: gov('assured') };
    };
    const expiry = Date.parse(expiresAt);
    await eventually(async () => expect(await asOf(expiry)).toEqual({ claimed: 3, assured: 1 }), 20_000, 250);
    expect(await asOf(expiry - 1)).toEqual({ claimed: 3, assured: 3 });
    const history = await ana.call('reporting', 'GET', `/v1/assessments/${assessmentId}/history?nodeId=AISMM-FND-GOV`);
    expect(history.body.assured.map((p: { at: string; score: number }) => [p.at, p.score])).toEqual([[verified.calculatedAt, 3], [expiresAt, 1]]);

    // What the assured scores imply in other frameworks follows them: derived from the backed
    // answer while verified (AISMM-FND-GOV level 3 = 0.5, intersects-with ISO/IEC 42001 clause 5),
    // gone at the expiry; the claimed set, with both answers, stays.
    const derivedAssured = (await admin.query(`SELECT data FROM scoring.events WHERE stream_id = $1 AND event_type = 'DerivedScoresCalculated' AND data->>'basis' = 'assured' ORDER BY stream_version`, [`scorecard-${assessmentId}`])).rows.map((r) => r.data);
    const iso = (event: { frameworks: { frameworkId: string; changed: { nodeId: string; attainment: number }[]; removed: string[] }[] }) => {
      const change = event.frameworks.find((f) => f.frameworkId === 'iso-iec-42001');
      return change && { changed: change.changed.map((d) => [d.nodeId, d.attainment]), removed: change.removed };
    };
    expect(derivedAssured.map((e) => [e.calculatedAt, iso(e)])).toEqual([[verified.calculatedAt, { changed: [['5', 0.5]], removed: [] }], [expiresAt, { changed: [], removed: ['5'] }]]);
    const derived = await eventually(async () => {
      const r = await ana.call('reporting', 'GET', `/v1/assessments/${assessmentId}/derived-scores`);
      expect(r.body.frameworks.map((f: { basis: string }) => f.basis)).not.toContain('assured');
      return r.body;
    }, 20_000, 250);
    expect(derived.frameworks.find((f: { frameworkId: string; basis: string }) => f.frameworkId === 'iso-iec-42001' && f.basis === 'claimed').values.map((v: { nodeId: string }) => v.nodeId)).toEqual(['5', 'A.3']);
  });
});
