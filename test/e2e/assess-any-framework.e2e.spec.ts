import { ServiceProcess, TenantClient, eventually, sammShapedDefinition, scoresByNode } from '@assay/testing';

type Answers = Record<string, number | string | null>;

/**
 * Every shipped framework, and one a tenant imports, assessed over HTTP through the three services:
 * the scores reporting shows are the ones worked out by hand in each case's comments.
 */
describe('Assess any framework: start, answer, and find the hand-computed scores in reporting', () => {
  const services = [new ServiceProcess('assessment'), new ServiceProcess('scoring'), new ServiceProcess('reporting')];
  let tenant: TenantClient;

  beforeAll(async () => {
    await Promise.all(services.map((s) => s.start()));
    tenant = await TenantClient.create();
  });
  afterAll(() => Promise.all(services.map((s) => s.stop('SIGTERM'))));

  /** Starts, answers every answer over HTTP, and returns reporting's scorecard once it has applied them all. */
  async function assess(framework: { id: string; version: string }, answers: Answers) {
    const assessmentId = await tenant.startAssessment(`${framework.id} assessed`, framework);
    for (const [questionId, value] of Object.entries(answers)) {
      const r = await tenant.answer(assessmentId, questionId, value);
      if (r.status !== 200) throw new Error(`${questionId}=${JSON.stringify(value)}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const card = await eventually(async () => {
      const r = await tenant.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`);
      expect(r.status).toBe(200);
      expect(r.body.answersApplied).toBe(Object.keys(answers).length);
      return r.body;
    }, 60_000, 200);
    expect(card).toMatchObject({ frameworkId: framework.id, frameworkVersion: framework.version });
    return { card, scores: scoresByNode(card) };
  }

  it('OWASP AIMA 1.0: practice = sum of its six answers / 6, domain = mean of practices, overall = mean of domains', async () => {
    const { card, scores } = await assess({ id: 'owasp-aima', version: '1.0' }, { 'GOV-SM-A1': 3, 'GOV-SM-B1': 2, 'GOV-SM-A2': 1 });
    expect(scores.get('GOV-SM')).toBe(1); // (3 + 2 + 1) / 6
    expect(scores.get('GOV')).toBeCloseTo(1 / 3, 12); // (1 + 0 + 0) / 3
    expect(card.overall.score).toBeCloseTo(1 / 24, 12); // (1/3 + 0 × 7) / 8
    expect(card).toMatchObject({ scoringModelId: 'owasp-aima-toolkit', overall: { min: 0, max: 3 } });
  });

  it('CSA AISMM 1.0: each category at the level answered (1–5, unanswered 1), domain = mean of its four categories, overall = mean of domains', async () => {
    const { card, scores } = await assess({ id: 'csa-aismm', version: '1.0' }, { 'AISMM-FND-GOV': 3, 'AISMM-FND-ORG': 2, 'AISMM-STR-MOD': 4, 'AISMM-PRC-IR': 5 });
    expect(scores.get('AISMM-FND-GOV')).toBe(3);
    expect(scores.get('AISMM-FND')).toBe(1.75); // (3 + 2 + 1 + 1) / 4
    expect(scores.get('AISMM-STR')).toBe(1.75); // (1 + 4 + 1 + 1) / 4
    expect(scores.get('AISMM-PRC')).toBe(2); // (1 + 1 + 1 + 5) / 4
    expect(card.overall.score).toBeCloseTo(5.5 / 3, 12); // (1.75 + 1.75 + 2) / 3
    expect(card).toMatchObject({ scoringModelId: 'cmm-staged', scoringModelVersion: '1.0.0', overall: { min: 1, max: 5 } });
    expect(card.nodes.map((d: { nodeId: string }) => d.nodeId)).toEqual(['AISMM-FND', 'AISMM-STR', 'AISMM-PRC']); // the framework's tree, in order
  });

  it('OWASP AI Exchange: control coverage, where not applicable and risk accepted leave the denominator', async () => {
    const framework = { id: 'owasp-ai-exchange', version: '2025.1' };
    const assessmentId = await tenant.startAssessment('AI Exchange controls', framework);
    for (const [questionId, value] of Object.entries({ AIPROGRAM: 'implemented', SECPROGRAM: 'partial', DEVPROGRAM: 'not-applicable', MONITORUSE: 'implemented' })) {
      expect((await tenant.answer(assessmentId, questionId, value)).status).toBe(200);
    }
    // A risk is accepted with its reason, owner and expiry; the control's answer becomes risk-accepted.
    const accepted = await tenant.call('assessment', 'PUT', `/v1/assessments/${assessmentId}/risk-acceptances/SECDEVPROGRAM`, { reason: 'No in-house AI engineering', owner: 'cto@acme.test', expiresOn: '2030-06-30' });
    expect(accepted.status).toBe(200);
    const card = await eventually(async () => {
      const r = await tenant.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`);
      expect(r.body.answersApplied).toBe(5);
      return r.body;
    }, 60_000, 200);
    const scores = scoresByNode(card);
    expect(scores.get('AIX-CONTROLS-governance')).toBe(0.375); // (1 + 0.5 + 0 + 0) / 4: DEVPROGRAM, SECDEVPROGRAM out
    expect(scores.get('PROMPTINJECTION')).toBe(0.25); // MONITORUSE of its four mitigating controls
    expect(card.overall).toMatchObject({ score: 2.5 / 31, items: 31, answered: 5 }); // 33 controls, 2 out of the denominator
  });

  it('Resource guide checklist: coverage per category and overall; the evidence catalogue carries no score', async () => {
    const { card, scores } = await assess({ id: 'ai-security-resource-guide', version: '1.0' }, { 'S2.a': 'implemented', 'S2.b': 'partial', P1: 'partial', P2: 'not-applicable' });
    expect(scores.get('RG-SECURITY')).toBeCloseTo(1.5 / 9, 12); // 9 security items
    expect(scores.get('RG-PRIVACY')).toBeCloseTo(0.5 / 6, 12); // 7 privacy items, P2 not applicable
    expect(card.overall.score).toBeCloseTo(2 / 15, 12);
    expect(scores.has('RG-EVIDENCE')).toBe(false);
  });

  it('CMMI-shaped structure: a characterisation per practice, capability level per practice area, means above', async () => {
    const pa1 = 'CMMI-DOING-CA1-PA1';
    const pa2 = 'CMMI-DOING-CA1-PA2';
    const { card, scores } = await assess(
      { id: 'cmmi-aim-structure', version: '1.0' },
      {
        [`${pa1}-L1.1`]: 'fully', [`${pa1}-L1.2`]: 'largely', [`${pa1}-L2.1`]: 'fully', [`${pa1}-L2.2`]: 'partially',
        ...Object.fromEntries([1, 2, 3].flatMap((l) => [1, 2].map((p) => [`${pa2}-L${l}.${p}`, 'fully']))),
      },
    );
    expect(scores.get(pa1)).toBe(1); // level 2 holds a partially implemented practice
    expect(scores.get(pa2)).toBe(3); // every practice up to level 3 fully implemented
    expect(scores.get('CMMI-DOING-CA1')).toBe(2); // (1 + 3) / 2
    expect(scores.get('CMMI-DOING')).toBe(1); // (2 + 0) / 2
    expect(card.overall.score).toBe(0.25); // (1 + 0 + 0 + 0) / 4 categories; usage scenarios are not scored
  });

  it('A tenant-imported framework (SAMM-shaped): scoring learns it from the import event; stream = sum of levels, practice and function = mean', async () => {
    const definition = sammShapedDefinition(`1.0-e2e-${Date.now()}`);
    const imported = await tenant.call('assessment', 'POST', '/v1/frameworks/imports', JSON.stringify(definition), { 'content-type': 'application/vnd.assay.framework+json' });
    expect(imported.status).toBe(201);
    const { card, scores } = await assess(
      { id: definition.id, version: definition.version },
      { 'SM-A1': 1, 'SM-A2': 1, 'SM-A3': 0.5, 'SM-B1': 1, 'SM-B2': 0.25, 'SM-B3': 0, 'PC-A1': 0.5, 'TA-A1': 1, 'TA-A2': 1, 'TA-A3': 1, 'TA-B1': 1, 'TA-B2': 1 },
    );
    expect(scores.get('SM')).toBe(1.875); // streams 2.5 and 1.25
    expect(scores.get('PC')).toBe(0.25); // streams 0.5 and 0
    expect(scores.get('GOV')).toBe(1.0625); // (1.875 + 0.25) / 2
    expect(scores.get('DES')).toBe(2.5); // streams 3 and 2
    expect(card.overall.score).toBe(1.78125); // (1.0625 + 2.5) / 2
    expect(card).toMatchObject({ scoringModelId: 'owasp-samm', scoringModelVersion: '2.0.0' });
    // Another tenant cannot start an assessment on it.
    const other = await TenantClient.create();
    expect((await other.call('assessment', 'POST', '/v1/assessments', { frameworkId: definition.id, frameworkVersion: definition.version, title: 'x' })).status).toBe(422);
  });
});
