import { AIMA_QUESTION_IDS } from '@assay/frameworks';
import { TenantClient, eventually, withRunningServices } from '@assay/testing';

/**
 * An operator rebuilds reporting's read models through the API while answers keep arriving over
 * HTTP: the job shows its progress, swaps the rebuilt tables in, and no answer is lost or counted
 * twice (every scorecard ends with one score event per answer, plus its opening one, and the
 * figures scoring holds). Row-for-row equality with live tables is read-model-rebuild.int.spec.ts.
 */
describe('Rebuilding read models during a load of answers', () => {
  withRunningServices(['assessment', 'scoring', 'reporting']);

  it('rebuilds through the API with progress while answers flow, losing none', async () => {
    const ana = await TenantClient.create(undefined, ['assessor'], 'ana');
    const operator = await TenantClient.create(undefined, ['operator'], 'ops');
    const assessments = [await ana.startAssessment('FY26 programme'), await ana.startAssessment('FY27 programme')];
    // History first: 30 answers each.
    for (const id of assessments) for (const q of AIMA_QUESTION_IDS.slice(0, 30)) expect((await ana.answer(id, q, 1)).status).toBe(200);
    await eventually(async () => {
      for (const id of assessments) expect((await ana.call('reporting', 'GET', `/v1/scorecards/${id}`)).body.answersApplied).toBe(30);
    }, 60_000, 250);

    expect((await ana.call('reporting', 'POST', '/v1/operations/read-model-rebuilds')).status).toBe(403); // tenants' roles may not
    const requested = await operator.call('reporting', 'POST', '/v1/operations/read-model-rebuilds');
    expect(requested.status).toBe(202);
    // Answers keep coming while it runs: 2 × 40 more, on both assessments.
    const load = (async () => {
      for (const q of AIMA_QUESTION_IDS.slice(30, 70)) for (const id of assessments) expect((await ana.answer(id, q, 2)).status).toBe(200);
    })();
    const states: string[] = [];
    const finished = await eventually(async () => {
      const r = await operator.call('reporting', 'GET', `/v1/operations/read-model-rebuilds/${requested.body.id}`);
      expect(r.status).toBe(200);
      states.push(r.body.state);
      expect(r.body.state).toBe('succeeded');
      return r.body;
    }, 120_000, 100);
    await load;
    expect(finished.progress).toMatchObject({ phase: 'done' });
    expect(finished.result.eventsApplied).toBeGreaterThanOrEqual(finished.progress.eventsTotal);
    expect(finished.progress.eventsTotal).toBeGreaterThanOrEqual(2 * 31);

    for (const id of assessments) {
      const card = await eventually(async () => {
        const r = await ana.call('reporting', 'GET', `/v1/scorecards/${id}`);
        expect(r.body.answersApplied).toBe(70);
        return r.body;
      }, 60_000, 250);
      expect(card.scoreEventsApplied).toBe(71); // the opening score, then one per answer: none lost, none twice
      const scores = await ana.call('scoring', 'GET', `/v1/assessments/${id}/scores`);
      const reported = new Map<string, number>();
      const walk = (nodes: { nodeId: string; score: number; children: unknown[] }[]) => nodes.forEach((n) => (reported.set(n.nodeId, n.score), walk(n.children as never)));
      walk(card.nodes);
      for (const node of scores.body.nodes as { nodeId: string; score: number }[]) expect([node.nodeId, reported.get(node.nodeId)]).toEqual([node.nodeId, node.score]);
      const history = await ana.call('reporting', 'GET', `/v1/assessments/${id}/history`);
      expect(history.body.claimed).toHaveLength(71);
    }
  });
});
