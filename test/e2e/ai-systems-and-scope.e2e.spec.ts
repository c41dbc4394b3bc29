import { createPool } from '@assay/postgres';
import { ADMIN_URL, ServiceProcess, TenantClient, eventually } from '@assay/testing';

const classifier = {
  isGenerativeAi: false, isLlm: false, trainsOwnModel: false, usesRag: false, trainingDataSensitive: false, inputDataSensitive: true,
  deploymentType: 'api-saas', usageScenario: 'verified-augmentation', sourcing: 'acquiring',
};
const aix = { frameworkId: 'owasp-ai-exchange', frameworkVersion: '2025.1' };

/** The inventory, scoping by profile, re-evaluation, listings and continuing approved assessments over HTTP. */
describe('AI systems, scope by profile, listings and re-assessment', () => {
  const services = [new ServiceProcess('assessment'), new ServiceProcess('scoring'), new ServiceProcess('reporting')];
  let ana: TenantClient;
  let rui: TenantClient;

  beforeAll(async () => {
    await Promise.all(services.map((s) => s.start()));
    ana = await TenantClient.create(undefined, ['assessor'], 'ana');
    rui = await ana.as('rui', ['reviewer']);
  });
  afterAll(() => Promise.all(services.map((s) => s.stop('SIGTERM'))));

  const register = async (name: string, profile = classifier) => {
    const r = await ana.call('assessment', 'POST', '/v1/ai-systems', { name, owner: 'ana@acme.test', purpose: 'Flags suspicious card payments', lifecycleStage: 'production', profile });
    expect(r.status).toBe(201);
    return r.body;
  };
  const scorecard = (id: string) => ana.call('reporting', 'GET', `/v1/scorecards/${id}`);
  const findNode = (nodes: any[], id: string): any => nodes.map((n) => (n.nodeId === id ? n : findNode(n.children, id))).find(Boolean);

  it('scopes an assessment by the system\'s profile, with reasons, and re-evaluates it when the profile changes, keeping the answers', async () => {
    const system = await register('Fraud scoring');
    expect(system).toMatchObject({ version: 1, archived: false, profile: classifier });
    const started = await ana.call('assessment', 'POST', '/v1/assessments', { ...aix, title: 'Fraud scoring FY27', systemId: system.id });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const view = (await ana.call('assessment', 'GET', `/v1/assessments/${id}`)).body;
    expect(view.scope).toMatchObject({ kind: 'system', systemId: system.id, systemVersion: 1 });
    const reasons = new Map(view.excluded.map((e: any) => [e.nodeId, e.reason]));
    expect(reasons.get('PROMPTINJECTION')).toBe('threat does not apply: isLlm is false (needs true)');
    expect(reasons.get('DEVDATALEAK')).toContain('trainingDataSensitive is false');
    expect(reasons.get('PROMPTINPUTVALIDATION')).toContain('mitigates only threats that do not apply');

    // An answer to an excluded control is kept, shown as excluded, and not scored.
    expect((await ana.answer(id, 'PROMPTINPUTVALIDATION', 'implemented')).status).toBe(200);
    expect((await ana.answer(id, 'AIPROGRAM', 'implemented')).status).toBe(200);
    const excludedControls = view.excluded.filter((e: any) => e.kind === 'control').length;
    const before = await eventually(async () => {
      const r = await scorecard(id);
      expect(r.body.answersApplied).toBe(2);
      return r.body;
    }, 60_000, 200);
    expect(findNode(before.nodes, 'PROMPTINPUTVALIDATION')).toMatchObject({ outOfScope: true, score: null });
    expect(before.overall).toMatchObject({ items: 33 - excludedControls, score: 1 / (33 - excludedControls) });

    // The system becomes an LLM with RAG: prompt injection and its controls come back; the answer counts.
    const changed = await ana.call('assessment', 'PATCH', `/v1/ai-systems/${system.id}`, { profile: { isGenerativeAi: true, isLlm: true, usesRag: true } });
    expect(changed.body).toMatchObject({ version: 2, profile: { ...classifier, isGenerativeAi: true, isLlm: true, usesRag: true } });
    const after = (await ana.call('assessment', 'GET', `/v1/assessments/${id}`)).body;
    expect(after.scope.systemVersion).toBe(2);
    const nowOut = after.excluded.map((e: any) => e.nodeId);
    for (const back of ['PROMPTINJECTION', 'INDIRECTPROMPTINJECTION', 'DATAPOISON', 'PROMPTINPUTVALIDATION']) expect(nowOut).not.toContain(back);
    expect(nowOut).toContain('EVASION'); // a GenAI system is not attacked by evasion here
    expect(after.answers).toEqual(expect.arrayContaining([{ questionId: 'PROMPTINPUTVALIDATION', value: 'implemented', toConfirm: false }]));
    await eventually(async () => {
      const card = (await scorecard(id)).body;
      expect(findNode(card.nodes, 'PROMPTINPUTVALIDATION')).toMatchObject({ score: 1 });
      expect(findNode(card.nodes, 'PROMPTINPUTVALIDATION').outOfScope).toBeUndefined();
    }, 60_000, 200);

    // Archived, the system takes no new assessment and no change.
    expect((await ana.call('assessment', 'POST', `/v1/ai-systems/${system.id}/archive`)).body.archived).toBe(true);
    expect((await ana.call('assessment', 'POST', '/v1/assessments', { ...aix, title: 'x', systemId: system.id })).body).toMatchObject({ status: 422, type: 'https://assay.dev/problems/invalid-basis' });
    expect((await ana.call('assessment', 'PATCH', `/v1/ai-systems/${system.id}`, { name: 'y' })).status).toBe(409);
  });

  it('lists systems and assessments with filters and cursor pages; bad filters are 400', async () => {
    const tenant = await TenantClient.create();
    const a = (await tenant.call('assessment', 'POST', '/v1/ai-systems', { name: 'A', owner: 'o', purpose: 'p', lifecycleStage: 'development', profile: classifier })).body;
    const b = (await tenant.call('assessment', 'POST', '/v1/ai-systems', { name: 'B', owner: 'o', purpose: 'p', lifecycleStage: 'development', profile: classifier })).body;
    const first = await tenant.call('assessment', 'GET', '/v1/ai-systems?limit=1');
    expect(first.body.items.map((s: any) => s.id)).toEqual([b.id]);
    const second = await tenant.call('assessment', 'GET', `/v1/ai-systems?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: a.id, name: 'A' })] });

    const ofA = await tenant.startAssessment('of A', { id: aix.frameworkId, version: aix.frameworkVersion });
    const programme = await tenant.startAssessment('programme', { id: 'csa-aismm', version: '1.0' });
    await tenant.call('assessment', 'POST', '/v1/assessments', { ...aix, title: 'system A', systemId: a.id });
    await tenant.answer(programme, 'AISMM-FND-GOV', 2);
    const list = async (query: string) => (await tenant.call('assessment', 'GET', `/v1/assessments${query}`)).body.items.map((i: any) => i.title);
    expect(await list('')).toEqual(['system A', 'programme', 'of A']);
    expect(await list('?status=in-progress')).toEqual(['programme']);
    expect(await list('?frameworkId=csa-aismm')).toEqual(['programme']);
    expect(await list(`?systemId=${a.id}`)).toEqual(['system A']);
    expect(await list(`?updatedSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    const page = await tenant.call('assessment', 'GET', '/v1/assessments?limit=2');
    expect(page.body.items).toHaveLength(2);
    expect((await tenant.call('assessment', 'GET', `/v1/assessments?limit=2&cursor=${page.body.nextCursor}`)).body.items.map((i: any) => i.id)).toEqual([ofA]);
    for (const bad of ['?status=done', '?systemId=nope', '?updatedSince=yesterday', '?limit=0', '?cursor=xyz']) {
      const r = await tenant.call('assessment', 'GET', `/v1/assessments${bad}`);
      expect({ bad, status: r.status, type: r.body.type }).toEqual({ bad, status: 400, type: 'https://assay.dev/problems/validation' });
    }
    expect((await (await TenantClient.create()).call('assessment', 'GET', '/v1/assessments')).body.items).toEqual([]); // another tenant sees none
  });

  it('reopens an approved assessment as a revision, and re-assesses from the last approved with answers to confirm', async () => {
    const id = await ana.startAssessment('AISMM FY26', { id: 'csa-aismm', version: '1.0' });
    await ana.answer(id, 'AISMM-FND-GOV', 3);
    await ana.answer(id, 'AISMM-FND-ORG', 2);
    await ana.call('assessment', 'POST', `/v1/assessments/${id}/submit`);
    await rui.call('assessment', 'POST', `/v1/assessments/${id}/review`);
    expect((await ana.call('assessment', 'POST', `/v1/assessments/${id}/revisions`)).body).toMatchObject({ status: 422, type: 'https://assay.dev/problems/invalid-basis' }); // in review, not approved
    await rui.call('assessment', 'POST', `/v1/assessments/${id}/approve`);

    const revision = await ana.call('assessment', 'POST', `/v1/assessments/${id}/revisions`);
    expect(revision.status).toBe(201);
    const revised = (await ana.call('assessment', 'GET', `/v1/assessments/${revision.body.id}`)).body;
    expect(revised).toMatchObject({ revision: 2, basedOn: { assessmentId: id, kind: 'revision', revision: 1 }, toConfirm: [], status: 'draft' });
    expect(revised.answers.map((a: any) => [a.questionId, a.value])).toEqual([['AISMM-FND-GOV', 3], ['AISMM-FND-ORG', 2]]);

    const again = await ana.call('assessment', 'POST', '/v1/assessments', { frameworkId: 'csa-aismm', frameworkVersion: '1.0', title: 'AISMM FY27', continueFrom: 'last-approved' });
    expect(again.status).toBe(201);
    const next = again.body.id;
    const carried = (await ana.call('assessment', 'GET', `/v1/assessments/${next}`)).body;
    expect(carried).toMatchObject({ revision: 1, basedOn: { assessmentId: id, kind: 'reassessment' }, toConfirm: ['AISMM-FND-GOV', 'AISMM-FND-ORG'] });
    expect(carried.answers).toEqual([
      { questionId: 'AISMM-FND-GOV', value: 3, toConfirm: true },
      { questionId: 'AISMM-FND-ORG', value: 2, toConfirm: true },
    ]);
    // Scoring counts carried answers as answers; reporting shows them.
    await eventually(async () => expect((await scorecard(next)).body.overall.score).toBeCloseTo((3 + 2 + 1 + 1) / 4 / 3 + 2 / 3, 12), 60_000, 200);
    await ana.answer(next, 'AISMM-FND-GOV', 4); // changed: fresh
    expect((await ana.call('assessment', 'POST', `/v1/assessments/${next}/submit`)).body).toMatchObject({ status: 409, type: 'https://assay.dev/problems/unconfirmed-answers' });
    expect((await ana.call('assessment', 'POST', `/v1/assessments/${next}/answers/AISMM-FND-ORG/confirm`)).body.status).toBe('in-progress');
    expect((await ana.call('assessment', 'POST', `/v1/assessments/${next}/submit`)).body.status).toBe('submitted');
    const nothing = await (await TenantClient.create()).call('assessment', 'POST', '/v1/assessments', { frameworkId: 'csa-aismm', frameworkVersion: '1.0', title: 'x', continueFrom: 'last-approved' });
    expect(nothing.body).toMatchObject({ status: 422, type: 'https://assay.dev/problems/invalid-basis' });
  });

  it('Idempotency-Key: the same key and body replay the first response, another body is refused, a refused request burns no key, keys expire after 24 h', async () => {
    const tenant = await TenantClient.create();
    const body = { name: 'Chat assistant', owner: 'o', purpose: 'p', lifecycleStage: 'production', profile: classifier };
    const key = { 'idempotency-key': `register-${Date.now()}` };
    const invalid = await tenant.call('assessment', 'POST', '/v1/ai-systems', { ...body, lifecycleStage: 'someday' }, key);
    expect(invalid.status).toBe(400);
    const first = await tenant.call('assessment', 'POST', '/v1/ai-systems', body, key);
    const again = await tenant.call('assessment', 'POST', '/v1/ai-systems', body, key);
    expect(first.status).toBe(201);
    expect({ status: again.status, id: again.body.id, location: again.headers.get('location'), replayed: again.headers.get('idempotent-replayed') }).toEqual({
      status: 201, id: first.body.id, location: first.headers.get('location'), replayed: 'true',
    });
    expect((await tenant.call('assessment', 'GET', '/v1/ai-systems')).body.items).toHaveLength(1);
    const other = await tenant.call('assessment', 'POST', '/v1/ai-systems', { ...body, name: 'Other' }, key);
    expect(other.body).toMatchObject({ status: 422, type: 'https://assay.dev/problems/idempotency-key-reused' });
    // Another tenant's identical key is its own.
    expect((await (await TenantClient.create()).call('assessment', 'POST', '/v1/ai-systems', body, key)).status).toBe(201);

    const admin = createPool({ connectionString: ADMIN_URL, applicationName: 'e2e-idempotency', max: 1 });
    try {
      await admin.query(`UPDATE assessment.idempotency_keys SET created_at = now() - interval '25 hours' WHERE tenant_id = $1`, [tenant.tenantId]);
    } finally {
      await admin.end();
    }
    const afterExpiry = await tenant.call('assessment', 'POST', '/v1/ai-systems', { ...body, name: 'Other' }, key);
    expect(afterExpiry.status).toBe(201);
    expect(afterExpiry.body.id).not.toBe(first.body.id);
  });

  it('answers each documented error of the inventory, revision and history endpoints as problem+json', async () => {
    const tenant = await TenantClient.create();
    const unknown = '00000000-0000-4000-8000-000000000001';
    const system = (await tenant.call('assessment', 'POST', '/v1/ai-systems', { name: 'S', owner: 'o', purpose: 'p', lifecycleStage: 'production', profile: classifier })).body;
    await tenant.call('assessment', 'POST', `/v1/ai-systems/${system.id}/archive`);
    const viewer = await tenant.as('vic', ['viewer']);
    const cases: [string, Promise<{ status: number; body: any }>, number, string][] = [
      ['unknown system', tenant.call('assessment', 'GET', `/v1/ai-systems/${unknown}`), 404, 'not-found'],
      ['system id not a uuid', tenant.call('assessment', 'GET', '/v1/ai-systems/nope'), 400, 'bad-request'],
      ['change of an unknown system', tenant.call('assessment', 'PATCH', `/v1/ai-systems/${unknown}`, { name: 'x' }), 404, 'not-found'],
      ['empty change', tenant.call('assessment', 'PATCH', `/v1/ai-systems/${system.id}`, {}), 400, 'validation'],
      ['profile field of no kind', tenant.call('assessment', 'PATCH', `/v1/ai-systems/${system.id}`, { profile: { isLlm: 'yes' } }), 400, 'validation'],
      ['archived twice', tenant.call('assessment', 'POST', `/v1/ai-systems/${system.id}/archive`), 409, 'assessment-locked'],
      ['stale If-Match', tenant.call('assessment', 'POST', `/v1/ai-systems/${system.id}/archive`, undefined, { 'if-match': 'W/"1"' }), 409, 'concurrency-conflict'],
      ['viewer registers', viewer.call('assessment', 'POST', '/v1/ai-systems', { name: 'S', owner: 'o', purpose: 'p', lifecycleStage: 'production', profile: classifier }), 403, 'forbidden'],
      ['assessment of an unknown system', tenant.call('assessment', 'POST', '/v1/assessments', { ...aix, title: 'x', systemId: unknown }), 404, 'not-found'],
      ['revision of an unknown assessment', tenant.call('assessment', 'POST', `/v1/assessments/${unknown}/revisions`), 404, 'not-found'],
      ['history of an unknown assessment', tenant.call('assessment', 'GET', `/v1/assessments/${unknown}/answers/AIPROGRAM/history`), 404, 'not-found'],
      ['answer file for an unknown assessment', tenant.call('assessment', 'POST', `/v1/assessments/${unknown}/imports/json`, { answers: [] }), 404, 'not-found'],
      ['answer file not CSV', tenant.call('assessment', 'POST', `/v1/assessments/${unknown}/imports/csv`, { answers: [] }), 415, 'unsupported-media-type'],
    ];
    for (const [name, call, status, slug] of cases) {
      const r = await call;
      expect({ name, status: r.status, type: r.body?.type }).toEqual({ name, status, type: `https://assay.dev/problems/${slug}` });
    }
  });
});
