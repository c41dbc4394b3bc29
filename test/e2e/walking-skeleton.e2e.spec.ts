import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createPool } from '@assay/postgres';
import { issueToken, jwtSecret } from '@assay/tenancy';
import { ADMIN_URL, ServiceProcess, TenantClient, eventually, scoresByNode, serviceUrl } from '@assay/testing';

// The three services run as separate processes built from dist/, talking only through Kafka.
describe('Walking skeleton: assessment → Kafka → scoring → Kafka → reporting', () => {
  const services = [new ServiceProcess('assessment'), new ServiceProcess('scoring'), new ServiceProcess('reporting')];
  let alice: TenantClient;
  let bob: TenantClient;

  beforeAll(async () => {
    await Promise.all(services.map((s) => s.start()));
    alice = await TenantClient.create();
    bob = await TenantClient.create();
  });

  afterAll(async () => {
    const codes = await Promise.all(services.map((s) => s.stop('SIGTERM')));
    // Graceful shutdown: consumers leave their groups, relays finish, pools close, exit 0.
    expect(codes).toEqual([0, 0, 0]);
  });

  it('turns recorded answers into a scorecard in reporting', async () => {
    const assessmentId = await alice.startAssessment('FY27 programme');
    const answers: Record<string, number | null> = { 'DES-TA-A1': 3, 'DES-TA-A2': 3, 'DES-TA-A3': 2, 'DES-TA-B1': 1, 'DES-TA-B2': null, 'DES-TA-B3': 0, 'VER-ST-A1': 2 };
    for (const [questionId, value] of Object.entries(answers)) expect((await alice.answer(assessmentId, questionId, value)).status).toBe(200);

    const card = await eventually(async () => {
      const r = await alice.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`);
      expect(r.status).toBe(200);
      expect(r.body.answersApplied).toBe(7);
      return r.body;
    }, 60_000, 200);
    const practices = scoresByNode(card);
    expect(practices.get('DES-TA')).toBeCloseTo((3 + 3 + 2 + 1 + 0 + 0) / 6, 12);
    expect(practices.get('VER-ST')).toBeCloseTo(2 / 6, 12);
    expect(practices.get('GOV-SM')).toBe(0);
    // The opening scores, then one event per answer.
    expect(card).toMatchObject({ frameworkId: 'owasp-aima', frameworkVersion: '1.0', scoringModelId: 'owasp-aima-toolkit', answeredQuestions: 6, scoreEventsApplied: 8 });

    const latest = await alice.call('reporting', 'GET', '/v1/scorecards/latest');
    expect(latest.body.assessmentId).toBe(assessmentId);
    const scores = await alice.call('scoring', 'GET', `/v1/assessments/${assessmentId}/scores`);
    expect(scores.body.nodes).toEqual(expect.arrayContaining([{ nodeId: 'DES-TA', score: 1.5, min: 0, max: 3, answered: 5, items: 6 }]));
  });

  it('derives what the answers imply in the frameworks the crosswalks reach, marked derived, with the paths they came along', async () => {
    const assessmentId = await alice.startAssessment('derived scores');
    for (const [questionId, value] of Object.entries({ 'DES-TA-A1': 3, 'DES-TA-A2': 3, 'DES-TA-A3': 3, 'VER-ST-A1': 2 })) expect((await alice.answer(assessmentId, questionId, value)).status).toBe(200);
    const body = await eventually(async () => {
      const r = await alice.call('reporting', 'GET', `/v1/assessments/${assessmentId}/derived-scores?basis=claimed`);
      expect(r.status).toBe(200);
      // DES-TA: 9 / 6 = 1.5 of 3, attainment 0.5; VER-ST: 2 / 6 of 3, attainment 1/9.
      expect(r.body.frameworks.find((f: { frameworkId: string }) => f.frameworkId === 'iso-iec-42001')?.values.find((v: { nodeId: string }) => v.nodeId === 'A.6')?.attainment).toBeCloseTo(1 / 9, 12);
      return r.body;
    }, 60_000, 200);
    expect(body).toMatchObject({ assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', derived: true });
    const values = (frameworkId: string) => new Map<string, { attainment: number; carriesMaturity: boolean; provenance: { path: { crosswalkId: string }[] }[] }>(
      body.frameworks.find((f: { frameworkId: string }) => f.frameworkId === frameworkId).values.map((v: { nodeId: string }) => [v.nodeId, v]),
    );
    const iso = body.frameworks.find((f: { frameworkId: string }) => f.frameworkId === 'iso-iec-42001');
    expect(iso).toMatchObject({ basis: 'claimed', inference: { id: 'crosswalk-inference', version: '1.0' }, crosswalks: expect.arrayContaining([{ id: 'aima-to-iso42001', version: '1.0' }]) });
    // Equal all the way: maturity carries. Subset-of: coverage only, at most 0.5.
    expect(values('csa-aismm').get('AISMM-PRC-RSK')).toMatchObject({ attainment: 0.5, carriesMaturity: true, provenance: [{ path: [{ crosswalkId: 'aima-to-aismm' }] }] });
    expect(values('iso-iec-42001').get('6')).toMatchObject({ attainment: 0.5, carriesMaturity: false });
    expect(values('iso-iec-42001').has('A.2')).toBe(false); // GOV-PC was not answered
    expect((await alice.call('reporting', 'GET', `/v1/assessments/${assessmentId}/derived-scores?basis=assured`)).body.frameworks).toEqual([]); // nothing backed by evidence
    expect((await alice.call('reporting', 'GET', `/v1/assessments/${assessmentId}/derived-scores?basis=other`)).status).toBe(400);
    expect((await bob.call('reporting', 'GET', `/v1/assessments/${assessmentId}/derived-scores`)).status).toBe(404);
  });

  it("answers another tenant's assessment with 404 everywhere", async () => {
    const assessmentId = await alice.startAssessment();
    await alice.answer(assessmentId, 'GOV-PC-A1', 2);
    await eventually(async () => expect((await alice.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`)).status).toBe(200), 60_000, 200);
    expect((await bob.call('assessment', 'GET', `/v1/assessments/${assessmentId}`)).status).toBe(404);
    expect((await bob.answer(assessmentId, 'GOV-PC-A2', 3)).status).toBe(404);
    expect((await bob.call('scoring', 'GET', `/v1/assessments/${assessmentId}/scores`)).status).toBe(404);
    expect((await bob.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`)).status).toBe(404);
  });

  it("takes the tenant from the token: one tenant-free body starts Bob's or Alice's assessment by token, stored under that token's tenant", async () => {
    const admin = createPool({ connectionString: ADMIN_URL, applicationName: 'e2e-tenant-from-token', max: 1 });
    // The admin (superuser) pool reads past row-level security: the stored row, whatever the API says.
    const startedEvents = async (assessmentId: string) =>
      (await admin.query<{ tenant_id: string }>(`SELECT tenant_id FROM assessment.events WHERE event_type = 'AssessmentStarted' AND data->>'assessmentId' = $1`, [assessmentId])).rows;
    try {
      // The contract leaves the body no way to name a tenant: the same bytes go out under each token.
      const body = { frameworkId: 'owasp-aima', frameworkVersion: '1.0', title: `tenant from token ${randomUUID()}` };
      const bobs = await bob.call('assessment', 'POST', '/v1/assessments', body);
      expect(bobs.status).toBe(201);
      expect((await bob.call('assessment', 'GET', `/v1/assessments/${bobs.body.id}`)).status).toBe(200);
      expect((await alice.call('assessment', 'GET', `/v1/assessments/${bobs.body.id}`)).status).toBe(404);

      const alices = await alice.call('assessment', 'POST', '/v1/assessments', body);
      expect(alices.status).toBe(201);
      expect(alices.body.id).not.toBe(bobs.body.id);
      expect((await alice.call('assessment', 'GET', `/v1/assessments/${alices.body.id}`)).status).toBe(200);
      expect((await bob.call('assessment', 'GET', `/v1/assessments/${alices.body.id}`)).status).toBe(404);

      expect(await startedEvents(bobs.body.id)).toEqual([{ tenant_id: bob.tenantId }]);
      expect(await startedEvents(alices.body.id)).toEqual([{ tenant_id: alice.tenantId }]);

      // A body that tries to name a tenant anyway is refused by the contract, and nothing is stored.
      const forgedTitle = `forged ${randomUUID()}`;
      const forged = await bob.call('assessment', 'POST', '/v1/assessments', { ...body, title: forgedTitle, tenantId: alice.tenantId });
      expect(forged.status).toBe(400);
      expect((await admin.query(`SELECT 1 FROM assessment.events WHERE data->>'title' = $1`, [forgedTitle])).rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });

  it('answers bad input with RFC 9457 problem details, never a 500', async () => {
    const assessmentId = await alice.startAssessment();
    const base = request(serviceUrl('assessment'));
    const auth = { authorization: `Bearer ${await issueToken(jwtSecret(), { tenantId: alice.tenantId, subject: 's', roles: ['assessor'] })}` };
    const answerPath = `/v1/assessments/${assessmentId}/answers/GOV-EA-A1`;

    const cases: [string, request.Test, number, string][] = [
      ['no token', base.put(answerPath).send({ value: 1 }), 401, 'unauthenticated'],
      ['forged token', base.put(answerPath).set({ authorization: 'Bearer abc.def.ghi' }).send({ value: 1 }), 401, 'unauthenticated'],
      ['malformed JSON', base.put(answerPath).set(auth).set('content-type', 'application/json').send('{"value":'), 400, 'bad-request'],
      ['value out of the node\'s scale', base.put(answerPath).set(auth).send({ value: 7 }), 422, 'invalid-answer'],
      ['value of no scale\'s type', base.put(answerPath).set(auth).send({ value: true }), 400, 'validation'],
      ['unknown property', base.put(answerPath).set(auth).send({ value: 1, extra: true }), 400, 'validation'],
      ['unknown question', base.put(`/v1/assessments/${assessmentId}/answers/GOV-EA-C9`).set(auth).send({ value: 1 }), 422, 'unknown-question'],
      ['not a uuid', base.get('/v1/assessments/not-a-uuid').set(auth), 400, 'bad-request'],
      ['unknown assessment', base.get(`/v1/assessments/${randomUUID()}`).set(auth), 404, 'not-found'],
      ['unknown framework version', base.post('/v1/assessments').set(auth).send({ frameworkId: 'owasp-aima', frameworkVersion: '0.1', title: 't' }), 422, 'unsupported-framework'],
      ['oversized body', base.post('/v1/assessments').set(auth).send({ frameworkId: 'owasp-aima', frameworkVersion: '1.0', title: 'x'.repeat(100_000) }), 413, 'payload-too-large'],
    ];
    for (const [name, call, status, slug] of cases) {
      const response = await call;
      expect({ name, status: response.status }).toEqual({ name, status });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: `https://assay.dev/problems/${slug}`, status });
    }

    // Optimistic concurrency: a stale If-Match is a 409 and the stored answer is untouched.
    const first = await base.put(answerPath).set(auth).send({ value: 1 });
    expect(first.status).toBe(200);
    const stale = await base.put(answerPath).set(auth).set('If-Match', 'W/"1"').send({ value: 3 });
    expect(stale.status).toBe(409);
    const current = await base.get(`/v1/assessments/${assessmentId}`).set(auth);
    expect(current.body.answers).toEqual([{ questionId: 'GOV-EA-A1', value: 1, toConfirm: false }]);
    expect(current.headers.etag).toBe(first.headers.etag);
  });

  it('replays a start request carrying the same Idempotency-Key', async () => {
    const key = randomUUID();
    const body = { frameworkId: 'owasp-aima', frameworkVersion: '1.0', title: 'idempotent' };
    const first = await alice.call('assessment', 'POST', '/v1/assessments', body, { 'idempotency-key': key });
    const again = await alice.call('assessment', 'POST', '/v1/assessments', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const reused = await alice.call('assessment', 'POST', '/v1/assessments', { ...body, title: 'other' }, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
  });

  it('exposes health, readiness, Prometheus metrics with consumer lag, and JSON logs with tenant and correlation ids', async () => {
    for (const name of ['assessment', 'scoring', 'reporting'] as const) {
      const ready = await request(serviceUrl(name)).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toEqual([expect.objectContaining({ name: 'postgres', status: 'up' }), expect.objectContaining({ name: 'kafka', status: 'up' })]);
    }
    const scoringMetrics = await request(serviceUrl('scoring')).get('/metrics');
    expect(scoringMetrics.text).toMatch(/^assay_consumer_lag_messages\{consumer="scoring",service="scoring"\} \d+$/m);
    expect(scoringMetrics.text).toMatch(/assay_consumer_messages_total\{consumer="scoring",outcome="applied",service="scoring"\} [1-9]/);
    const assessmentMetrics = await request(serviceUrl('assessment')).get('/metrics');
    expect(assessmentMetrics.text).toMatch(/^assay_relay_backlog_events\{relay="assessment-to-kafka",service="assessment"\} \d+$/m);
    expect(assessmentMetrics.text).toMatch(/^assay_relay_oldest_unpublished_age_seconds\{relay="assessment-to-kafka",service="assessment"\} [\d.]+$/m);
    expect(assessmentMetrics.text).toMatch(/assay_http_request_duration_seconds_count\{/);

    const correlationId = `e2e-${randomUUID()}`;
    await alice.call('assessment', 'GET', `/v1/assessments/${randomUUID()}`, undefined, { 'x-correlation-id': correlationId });
    await eventually(() => {
      const lines = readFileSync(services[0].logFile, 'utf8').split('\n').filter((l) => l.includes(correlationId));
      expect(lines.length).toBeGreaterThan(0);
      expect(JSON.parse(lines[0])).toMatchObject({ service: 'assessment', correlationId, tenantId: alice.tenantId });
    }, 10_000);
  });
});
