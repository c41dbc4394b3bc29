import { createPool } from '@assay/postgres';
import { ADMIN_URL, ServiceProcess, TenantClient, eventually } from '@assay/testing';

/** The review lifecycle and the role rules over HTTP, with the services running as processes. */
describe('Review lifecycle over HTTP: roles, four eyes, If-Match', () => {
  const services = [new ServiceProcess('assessment'), new ServiceProcess('scoring'), new ServiceProcess('reporting')];
  let assessor: TenantClient;
  let reviewer: TenantClient;
  let viewer: TenantClient;
  const aismm = { id: 'csa-aismm', version: '1.0' };

  beforeAll(async () => {
    await Promise.all(services.map((s) => s.start()));
    assessor = await TenantClient.create(undefined, ['assessor'], 'ana');
    reviewer = await assessor.as('rui', ['reviewer']);
    viewer = await assessor.as('vic', ['viewer']);
  });
  afterAll(() => Promise.all(services.map((s) => s.stop('SIGTERM'))));

  const post = (who: TenantClient, id: string, step: string, body?: unknown, headers: Record<string, string> = {}) => who.call('assessment', 'POST', `/v1/assessments/${id}/${step}`, body, headers);
  const status = async (id: string) => (await assessor.call('assessment', 'GET', `/v1/assessments/${id}`)).body.status;

  it('draft → in progress → submitted → in review → returned with comments → in progress → submitted → in review → approved', async () => {
    const id = await assessor.startAssessment('AISMM FY27', aismm);
    expect(await status(id)).toBe('draft');
    expect((await assessor.answer(id, 'AISMM-FND-GOV', 3)).status).toBe(200);
    expect(await status(id)).toBe('in-progress');
    expect((await post(assessor, id, 'submit')).body).toMatchObject({ status: 'submitted', changed: true });
    expect((await post(reviewer, id, 'review')).body.status).toBe('in-review');
    const returned = await post(reviewer, id, 'return', { comments: 'Governance at 3 needs the risk appetite statement' });
    expect(returned.body.status).toBe('returned');
    expect((await assessor.call('assessment', 'GET', `/v1/assessments/${id}`)).body.lastReturn).toMatchObject({ by: 'rui', comments: 'Governance at 3 needs the risk appetite statement' });
    expect((await assessor.answer(id, 'AISMM-FND-GOV', 2)).status).toBe(200);
    expect(await status(id)).toBe('in-progress');
    await post(assessor, id, 'submit');
    await post(reviewer, id, 'review');
    const approved = await post(reviewer, id, 'approve', { comment: 'Agreed' });
    expect(approved.body).toMatchObject({ status: 'approved' });
    expect(approved.headers.get('etag')).toBe(`W/"${approved.body.version}"`);

    // Approved is immutable.
    const late = await assessor.answer(id, 'AISMM-FND-ORG', 4);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: 'https://assay.dev/problems/assessment-locked' });
    // The scores still stand in reporting: the last answer, then nothing more.
    await eventually(async () => {
      const card = await assessor.call('reporting', 'GET', `/v1/scorecards/${id}`);
      expect(card.body.answersApplied).toBe(2);
    }, 60_000, 200);
  });

  it('four eyes: the submitter cannot review, approve or return their own assessment, even holding the reviewer role', async () => {
    const both = await assessor.as('bea', ['assessor', 'reviewer']);
    const id = await both.startAssessment('self review', aismm);
    await both.answer(id, 'AISMM-FND-GOV', 2);
    await post(both, id, 'submit');
    const own = await post(both, id, 'review');
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ type: 'https://assay.dev/problems/four-eyes' });
    expect((await post(reviewer, id, 'review')).status).toBe(200);
    for (const [step, body] of [['approve', {}], ['return', { comments: 'x' }]] as const) {
      const r = await post(both, id, step, body);
      expect({ step, status: r.status, type: r.body.type }).toEqual({ step, status: 403, type: 'https://assay.dev/problems/four-eyes' });
    }
  });

  it('a viewer reads but writes nothing: no start, answer, step or framework import', async () => {
    const id = await assessor.startAssessment('viewer target', aismm);
    expect((await viewer.call('assessment', 'GET', `/v1/assessments/${id}`)).status).toBe(200);
    const attempts = await Promise.all([
      viewer.call('assessment', 'POST', '/v1/assessments', { frameworkId: aismm.id, frameworkVersion: aismm.version, title: 'x' }),
      viewer.answer(id, 'AISMM-FND-GOV', 3),
      post(viewer, id, 'submit'),
      viewer.call('assessment', 'PUT', `/v1/assessments/${id}/targets/AISMM-FND`, { target: 3 }),
      viewer.call('assessment', 'POST', '/v1/frameworks/imports', '{}', { 'content-type': 'application/vnd.assay.framework+json' }),
    ]);
    expect(attempts.map((r) => [r.status, r.body.type])).toEqual(attempts.map(() => [403, 'https://assay.dev/problems/forbidden']));
    expect((await assessor.call('assessment', 'GET', `/v1/assessments/${id}`)).body).toMatchObject({ answeredCount: 0, targets: {}, status: 'draft' });
  });

  it('an assessor cannot review; illegal transitions and a stale If-Match are clear problems', async () => {
    const id = await assessor.startAssessment('errors', aismm);
    expect((await post(assessor, id, 'submit')).body).toMatchObject({ status: 409, type: 'https://assay.dev/problems/illegal-transition' }); // a draft
    const answered = await assessor.answer(id, 'AISMM-FND-GOV', 3);
    expect((await post(assessor, id, 'review')).status).toBe(403); // no reviewer role
    const stale = await post(assessor, id, 'submit', undefined, { 'if-match': 'W/"1"' });
    expect(stale.body).toMatchObject({ status: 409, type: 'https://assay.dev/problems/concurrency-conflict' });
    expect((await post(assessor, id, 'submit', undefined, { 'if-match': answered.headers.get('etag')! })).status).toBe(200);
    expect((await post(reviewer, id, 'approve')).body).toMatchObject({ status: 409, type: 'https://assay.dev/problems/illegal-transition' }); // not in review
    await post(reviewer, id, 'review');
    expect((await post(reviewer, id, 'return', { comments: '' })).status).toBe(400); // the contract needs comments
    expect((await post(reviewer, id, 'return', { comments: '   ' })).body.type).toBe('https://assay.dev/problems/comments-required');
  });

  it('targets on the node\'s scale, assignees and risk acceptance, each refused clearly when wrong', async () => {
    const id = await assessor.startAssessment('planning', { id: 'owasp-ai-exchange', version: '2025.1' });
    const put = (path: string, body: unknown) => assessor.call('assessment', 'PUT', `/v1/assessments/${id}/${path}`, body);
    expect((await put('targets/AIX-CONTROLS', { target: 0.8 })).status).toBe(200);
    expect((await put('targets/AIX-CONTROLS', { target: 3 })).body).toMatchObject({ status: 422, type: 'https://assay.dev/problems/invalid-target' });
    expect((await put('targets/NOPE', { target: 1 })).body.type).toBe('https://assay.dev/problems/unknown-node');
    expect((await put('assignees/AIX-CONTROLS-governance', { assignee: 'ana@acme.test' })).status).toBe(200);
    expect((await put('risk-acceptances/OBSCURECONFIDENCE', { reason: 'No scores shown', owner: 'ciso@acme.test', expiresOn: '2030-01-31' })).status).toBe(200);
    expect((await put('risk-acceptances/OBSCURECONFIDENCE', { reason: 'x', owner: 'y', expiresOn: '2001-01-01' })).body.type).toBe('https://assay.dev/problems/invalid-risk-acceptance');
    expect((await put('risk-acceptances/OBSCURECONFIDENCE', { reason: 'x' })).status).toBe(400);
    const view = (await assessor.call('assessment', 'GET', `/v1/assessments/${id}`)).body;
    expect(view).toMatchObject({ targets: { 'AIX-CONTROLS': 0.8 }, assignees: { 'AIX-CONTROLS-governance': 'ana@acme.test' }, riskAcceptances: { OBSCURECONFIDENCE: { owner: 'ciso@acme.test', expiresOn: '2030-01-31' } } });
    expect(view.answers).toEqual([{ questionId: 'OBSCURECONFIDENCE', value: 'risk-accepted', toConfirm: false }]);
  });

  it('keeps notes, comments and names encrypted in the event log while the API shows them', async () => {
    const id = await assessor.startAssessment('notes', aismm);
    const note = `Risk appetite statement pending board ${id.slice(0, 8)}`;
    expect((await assessor.call('assessment', 'PUT', `/v1/assessments/${id}/answers/AISMM-FND-GOV`, { value: 2, note })).status).toBe(200);
    await assessor.call('assessment', 'PUT', `/v1/assessments/${id}/assignees/AISMM-FND`, { assignee: 'ana.silva@acme.test' });
    const view = (await assessor.call('assessment', 'GET', `/v1/assessments/${id}`)).body;
    expect(view.answers[0].note).toBe(note);
    expect(view.assignees).toEqual({ 'AISMM-FND': 'ana.silva@acme.test' });
    const admin = createPool({ connectionString: ADMIN_URL, applicationName: 'e2e-pii', max: 1 });
    try {
      const { rows } = await admin.query<{ data: unknown }>(`SELECT data FROM assessment.events WHERE stream_id = $1`, [`assessment-${id}`]);
      const log = JSON.stringify(rows);
      expect(rows.length).toBe(3);
      for (const plain of [note, 'ana.silva@acme.test', '"ana"']) expect(log).not.toContain(plain);
      expect(log).toContain('pii:v1:');
    } finally {
      await admin.end();
    }
  });

  it('imports a CSV or JSON questionnaire all or nothing, reporting every bad row; each answer keeps its history', async () => {
    const id = await assessor.startAssessment('questionnaire', aismm);
    const csv = (text: string) => assessor.call('assessment', 'POST', `/v1/assessments/${id}/imports/csv`, text, { 'content-type': 'text/csv' });
    const refused = await csv('questionId,value,note\nAISMM-FND-GOV,3,ok\nAISMM-NOPE,2,\nAISMM-STR-MOD,9,\n');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'https://assay.dev/problems/answers-invalid' });
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'questionId', value: 'AISMM-NOPE' }),
      expect.objectContaining({ row: 4, column: 'value', value: '9' }),
    ]);
    expect((await assessor.call('assessment', 'GET', `/v1/assessments/${id}`)).body.answeredCount).toBe(0); // nothing half-imported

    const accepted = await csv('questionId,value,note\nAISMM-FND-GOV,3,Risk appetite approved\nAISMM-FND-ORG,2,\n');
    expect(accepted.body).toMatchObject({ answersInFile: 2, answersChanged: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const json = await assessor.call('assessment', 'POST', `/v1/assessments/${id}/imports/json`, { answers: [{ questionId: 'AISMM-FND-GOV', value: 4, note: 'Metrics now tracked' }] });
    expect(json.body).toMatchObject({ answersInFile: 1, answersChanged: 1 });
    const badJson = await assessor.call('assessment', 'POST', `/v1/assessments/${id}/imports/json`, { answers: [{ questionId: 'AISMM-FND-GOV', value: 'four' }] });
    expect(badJson.body.errors).toEqual([expect.objectContaining({ row: 1, column: 'value', value: 'four' })]);

    const history = (await assessor.call('assessment', 'GET', `/v1/assessments/${id}/answers/AISMM-FND-GOV/history`)).body;
    expect(history.entries).toEqual([
      { kind: 'answered', value: 3, note: 'Risk appetite approved', by: 'ana', at: expect.any(String) },
      { kind: 'answered', value: 4, note: 'Metrics now tracked', by: 'ana', at: expect.any(String) },
    ]);
    await eventually(async () => expect((await assessor.call('reporting', 'GET', `/v1/scorecards/${id}`)).body.answersApplied).toBe(3), 60_000, 200);
  });
});
