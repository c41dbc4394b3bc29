import { CSA_AISMM_1_0, Crosswalk, OWASP_AIMA_1_0, OWASP_AI_EXCHANGE } from '@assay/frameworks';
import { deciderSpecification } from '@assay/testing';
import { scorecardDecider } from './scorecard.decider';
import { ApplyAnswer, AssuranceCalculated, ChangeAssurance, ChangeScope, DerivedScoresCalculated, OpenScorecard, PracticeMaturityCalculated, ScorecardEvent, ScoresCalculated } from './scorecard.events';

const spec = deciderSpecification(scorecardDecider);
const now = new Date('2026-11-21T12:00:00.000Z');
const assessmentId = '5d1c3a7e-1e4b-4c1e-9a43-1f6f1c2b3a4d';
// No crosswalks here: derived scores have their own describe block below.
const aisimm = { assessmentId, frameworkId: CSA_AISMM_1_0.id, frameworkVersion: CSA_AISMM_1_0.version, definition: CSA_AISMM_1_0, crosswalks: [], now };
const open: OpenScorecard = { type: 'OpenScorecard', data: { ...aisimm, excluded: [], sourceEventId: 'start' } };
const apply = (questionId: string, value: number | string | null, sourceEventId = questionId): ApplyAnswer => ({ type: 'ApplyAnswer', data: { ...aisimm, questionId, value, sourceEventId } });

/** The events the decider made for these commands, each folded in before the next. */
function run(commands: (OpenScorecard | ApplyAnswer | ChangeScope)[], history: ScorecardEvent[] = []): ScoresCalculated[] {
  let state = history.reduce(scorecardDecider.evolve, scorecardDecider.initialState());
  const out: ScoresCalculated[] = [];
  for (const command of commands) {
    const events = scorecardDecider.decide(command, state);
    state = events.reduce(scorecardDecider.evolve, state);
    out.push(...(events as ScoresCalculated[]));
  }
  return out;
}

describe('Scorecard decider', () => {
  it('opens with every node of the framework, each with its place in the tree, and the overall', () => {
    const [first] = run([open]);
    // 3 domains + 12 categories score; the 60 level descriptors carry no figure.
    expect(first.data.nodes).toHaveLength(15);
    expect(first.data.nodes.find((n) => n.nodeId === 'AISMM-FND-GOV')).toEqual({ nodeId: 'AISMM-FND-GOV', parentId: 'AISMM-FND', kind: 'category', name: 'Governance', position: 0, score: 1, min: 1, max: 5, answered: 0, items: 1 });
    expect(first.data).toMatchObject({ scoringModelId: 'cmm-staged', scoringModelVersion: '1.0.0', overall: { score: 1, min: 1, max: 5 }, answersApplied: 0, sourceEventId: 'start' });
    expect(first.data.answer).toBeUndefined();
  });

  it('opens once: a second start changes nothing', () => {
    spec.given(run([open])).when(open).then([]);
  });

  it('publishes only the nodes an answer changed, with the overall', () => {
    const [, answered] = run([open, apply('AISMM-FND-GOV', 3)]);
    expect(answered.data.nodes.map((n) => [n.nodeId, n.score])).toEqual([['AISMM-FND-GOV', 3], ['AISMM-FND', 1.5]]); // (3 + 1 + 1 + 1) / 4
    expect(answered.data.overall.score).toBeCloseTo(3.5 / 3, 12); // (1.5 + 1 + 1) / 3
    expect(answered.data).toMatchObject({ answer: { questionId: 'AISMM-FND-GOV', value: 3 }, answeredQuestions: 1, answersApplied: 1 });
  });

  it('replaces a changed answer instead of adding it twice, and counts every answer event once', () => {
    const [, , again] = run([open, apply('AISMM-FND-GOV', 3), apply('AISMM-FND-GOV', 5)]);
    expect(again.data.nodes.find((n) => n.nodeId === 'AISMM-FND-GOV')?.score).toBe(5);
    expect(again.data).toMatchObject({ answeredQuestions: 1, answersApplied: 2 });
  });

  it('still emits (with no node) when an answer changes no figure, so the count of answers applied moves', () => {
    const [, , cleared] = run([open, apply('AISMM-FND-GOV', 1), apply('AISMM-FND-GOV', null)]);
    expect(cleared.data.nodes.map((n) => [n.nodeId, n.score, n.answered])).toEqual([['AISMM-FND-GOV', 1, 0], ['AISMM-FND', 1, 0]]); // same level, answered 1 → 0
    const [, , repeat] = run([open, apply('AISMM-FND-ORG', 2), apply('AISMM-FND-ORG', 2)]);
    expect(repeat.data).toMatchObject({ nodes: [], answersApplied: 2 });
  });

  it('folds the legacy AIMA practice events, then republishes every node under the definition', () => {
    const legacy: PracticeMaturityCalculated = {
      type: 'PracticeMaturityCalculated',
      data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', scoringModelId: 'owasp-aima-toolkit', scoringModelVersion: '1.0.0', practiceId: 'GOV-SM', questionId: 'GOV-SM-A1', value: 3, maturity: 0.5, answeredQuestions: 1, answersApplied: 1, sourceEventId: 'x', calculatedAt: now.toISOString() },
    };
    const aima = { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', definition: OWASP_AIMA_1_0, crosswalks: [], now, sourceEventId: 'y' };
    const [next] = run([{ type: 'ApplyAnswer', data: { ...aima, questionId: 'GOV-SM-B1', value: 3 } }], [legacy]);
    expect(next.data.nodes.find((n) => n.nodeId === 'GOV-SM')?.score).toBe(1); // (3 + 3) / 6: the legacy answer is kept
    expect(next.data.nodes.length).toBe(8 + 24 + 48 + 144);
    expect(next.data).toMatchObject({ answersApplied: 2, answeredQuestions: 2 });
  });

  describe('scope of an AI system', () => {
    const aix = { assessmentId, frameworkId: OWASP_AI_EXCHANGE.id, frameworkVersion: OWASP_AI_EXCHANGE.version, definition: OWASP_AI_EXCHANGE, crosswalks: [], now };
    const answer = (questionId: string, value: string): ApplyAnswer => ({ type: 'ApplyAnswer', data: { ...aix, questionId, value, sourceEventId: questionId } });
    const scope = (excluded: string[]): ChangeScope => ({ type: 'ChangeScope', data: { ...aix, excluded, sourceEventId: 'scope' } });
    const openAix: OpenScorecard = { type: 'OpenScorecard', data: { ...aix, excluded: ['PROMPTINPUTVALIDATION'], sourceEventId: 'start' } };

    it('leaves excluded nodes out of every figure, marks them out of scope, and keeps their answers for when they return', () => {
      const [opened, implemented, narrowed, widened] = run([openAix, answer('PROMPTINPUTVALIDATION', 'implemented'), scope(['PROMPTINPUTVALIDATION', 'AIPROGRAM']), scope([])]);
      expect(opened.data.nodes.find((n) => n.nodeId === 'PROMPTINPUTVALIDATION')).toMatchObject({ score: null, outOfScope: true });
      expect(opened.data.overall.items).toBe(32); // 33 controls, one out of scope
      expect(implemented.data.overall.score).toBe(0); // the excluded control's answer does not count
      expect(narrowed.data).toMatchObject({ excluded: ['PROMPTINPUTVALIDATION', 'AIPROGRAM'], overall: { items: 31 } });
      expect(narrowed.data.nodes.find((n) => n.nodeId === 'AIPROGRAM')).toMatchObject({ outOfScope: true });
      expect(widened.data.overall).toMatchObject({ score: 1 / 33, items: 33 }); // back in scope, the kept answer counts
      expect(widened.data.nodes.find((n) => n.nodeId === 'PROMPTINPUTVALIDATION')).toMatchObject({ score: 1, answered: 1 });
      expect(widened.data.nodes.find((n) => n.nodeId === 'PROMPTINPUTVALIDATION')!.outOfScope).toBeUndefined();
    });

    it('marks everything under a newly excluded group out of scope, so no stale figure stays beneath it', () => {
      const [, , narrowed] = run([openAix, answer('MONITORUSE', 'implemented'), scope(['AIX-CONTROLS-runtime'])]);
      const out = narrowed.data.nodes.filter((n) => n.outOfScope).map((n) => n.nodeId);
      expect(out).toEqual(expect.arrayContaining(['AIX-CONTROLS-runtime', 'MONITORUSE', 'RATELIMIT', 'SMALLMODEL']));
      expect(narrowed.data.nodes.find((n) => n.nodeId === 'PROMPTINJECTION')?.score).toBe(0); // MONITORUSE no longer counts for the threat either
    });

    it('takes the exclusions of a start that arrives after answers (a replayed dead letter)', () => {
      const [early, late] = run([answer('PROMPTINPUTVALIDATION', 'implemented'), openAix]);
      expect(early.data.overall.items).toBe(33);
      expect(late.data).toMatchObject({ excluded: ['PROMPTINPUTVALIDATION'], overall: { items: 32, score: 0 } });
    });
  });
});

describe('Scorecard decider: assured scores (only answers backed by verified, unexpired evidence)', () => {
  const evidenceId = '0b6f3f0e-6c0e-4d57-9a3c-3b1f7f5f0a11';
  const assure = (backed: string[], change: 'verified' | 'expired' = 'verified'): ChangeAssurance => ({
    type: 'ChangeAssurance',
    data: { ...aisimm, backed, cause: { kind: 'evidence', evidenceId, change }, sourceEventId: `evidence-${change}` },
  });
  const fold = (events: ScorecardEvent[]) => events.reduce(scorecardDecider.evolve, scorecardDecider.initialState());
  const history = (): ScorecardEvent[] => {
    let state = scorecardDecider.initialState();
    const out: ScorecardEvent[] = [];
    for (const c of [open, apply('AISMM-FND-GOV', 3), apply('AISMM-FND-ORG', 2)]) {
      const events = scorecardDecider.decide(c, state);
      state = events.reduce(scorecardDecider.evolve, state);
      out.push(...events);
    }
    return out;
  };
  const decideOn = (events: ScorecardEvent[], command: Parameters<typeof scorecardDecider.decide>[0]) => scorecardDecider.decide(command, fold(events));

  it('never dates assured figures before the last ones: an expiry noticed after a later backed answer holds from that answer', () => {
    const verified = [...history(), ...decideOn(history(), assure(['AISMM-FND-GOV']))];
    const later = new Date(now.getTime() + 60_000);
    const answered = [...verified, ...decideOn(verified, { ...apply('AISMM-FND-GOV', 4), data: { ...apply('AISMM-FND-GOV', 4).data, now: later } })];
    expect(answered.at(-1)!.type).toBe('AssuranceCalculated'); // the backed answer moved the assured figures at `later`
    // The expiry instant was before that answer, but the expiry's figures include it.
    const expiresAt = new Date(now.getTime() + 30_000);
    const [expired] = decideOn(answered, { ...assure([], 'expired'), data: { ...assure([], 'expired').data, now: expiresAt } }) as AssuranceCalculated[];
    expect(expired.data.calculatedAt).toBe(later.toISOString());
    const [onTime] = decideOn(verified, { ...assure([], 'expired'), data: { ...assure([], 'expired').data, now: expiresAt } }) as AssuranceCalculated[];
    expect(onTime.data.calculatedAt).toBe(expiresAt.toISOString());
  });

  it('says nothing about assurance while no item is backed', () => {
    expect(history().map((e) => e.type)).toEqual(['ScoresCalculated', 'ScoresCalculated', 'ScoresCalculated']);
  });

  it('counts only backed answers once evidence backs an item, naming the evidence that caused it', () => {
    const [assured] = decideOn(history(), assure(['AISMM-FND-GOV'])) as AssuranceCalculated[];
    expect(assured.type).toBe('AssuranceCalculated');
    expect(assured.data).toMatchObject({ cause: { kind: 'evidence', evidenceId, change: 'verified' }, backed: ['AISMM-FND-GOV'], scoringModelId: 'cmm-staged' });
    const byNode = Object.fromEntries(assured.data.nodes.map((n) => [n.nodeId, n.score]));
    expect(assured.data.nodes).toHaveLength(15); // the first assured event carries every node
    expect(byNode['AISMM-FND-GOV']).toBe(3); // backed: counts
    expect(byNode['AISMM-FND-ORG']).toBe(1); // answered 2, not backed: as if unanswered
    expect(byNode['AISMM-FND']).toBe(1.5); // (3 + 1 + 1 + 1) / 4, where the claimed score is (3 + 2 + 1 + 1) / 4
  });

  it('an answer to a backed item moves the assured scores with it; one to an unbacked item does not', () => {
    const backed = [...history(), ...decideOn(history(), assure(['AISMM-FND-GOV']))];
    const onBacked = decideOn(backed, apply('AISMM-FND-GOV', 4));
    expect(onBacked.map((e) => e.type)).toEqual(['ScoresCalculated', 'AssuranceCalculated']);
    expect((onBacked[1] as AssuranceCalculated).data).toMatchObject({ cause: { kind: 'answer', questionId: 'AISMM-FND-GOV' } });
    expect((onBacked[1] as AssuranceCalculated).data.nodes.map((n) => [n.nodeId, n.score])).toEqual([['AISMM-FND-GOV', 4], ['AISMM-FND', 1.75]]);
    expect(decideOn(backed, apply('AISMM-FND-ORG', 5)).map((e) => e.type)).toEqual(['ScoresCalculated']);
  });

  it('evidence expiring takes the backing away at once, and the same backing again says nothing', () => {
    const backed = [...history(), ...decideOn(history(), assure(['AISMM-FND-GOV']))];
    const [expired] = decideOn(backed, assure([], 'expired')) as AssuranceCalculated[];
    expect(expired.data).toMatchObject({ cause: { change: 'expired' }, backed: [] });
    expect(expired.data.nodes.map((n) => [n.nodeId, n.score])).toEqual([['AISMM-FND-GOV', 1], ['AISMM-FND', 1]]);
    expect(decideOn([...backed, expired], assure([], 'expired'))).toEqual([]);
  });
});

describe('Scorecard decider: crosswalk-derived scores in other frameworks', () => {
  // AISMM categories score 1–5, so a level L carries (L - 1) / 4. Two made-up targets: `x` is
  // reached directly, `y` only through `x` (two hops).
  const toX: Crosswalk = {
    id: 'aismm-to-x',
    version: '2.1',
    description: 'test',
    source: { frameworkId: CSA_AISMM_1_0.id, version: CSA_AISMM_1_0.version },
    target: { frameworkId: 'x', version: '1' },
    mappings: [
      { from: 'AISMM-FND-GOV', to: 'X1', relationship: 'equal', strength: 8, rationale: 'same' },
      { from: 'AISMM-FND-ORG', to: 'X2', relationship: 'subset-of', strength: 5, rationale: 'part' },
    ],
  };
  const xToY: Crosswalk = { id: 'x-to-y', version: '1.0', description: 'test', source: { frameworkId: 'x', version: '1' }, target: { frameworkId: 'y', version: '1' }, mappings: [{ from: 'X1', to: 'Y1', relationship: 'equal', strength: 9, rationale: 'same' }] };
  const crosswalked = { ...aisimm, crosswalks: [toX, xToY] };
  const start: OpenScorecard = { type: 'OpenScorecard', data: { ...crosswalked, excluded: [], sourceEventId: 'start' } };
  const answer = (questionId: string, value: number | null, at = now): ApplyAnswer => ({ type: 'ApplyAnswer', data: { ...crosswalked, questionId, value, sourceEventId: questionId, now: at } });
  const events = (commands: Parameters<typeof scorecardDecider.decide>[0][]) => {
    let state = scorecardDecider.initialState();
    const out: ScorecardEvent[][] = [];
    for (const c of commands) {
      const made = scorecardDecider.decide(c, state);
      state = made.reduce(scorecardDecider.evolve, state);
      out.push(made);
    }
    return out;
  };
  const derivedOf = (made: ScorecardEvent[]) => made.filter((e): e is DerivedScoresCalculated => e.type === 'DerivedScoresCalculated');

  it('says nothing at the start: nothing answered reaches another framework', () => {
    expect(events([start])[0].map((e) => e.type)).toEqual(['ScoresCalculated']);
  });

  it('derives every reachable framework right after the claimed scores, with provenance and the versions behind it', () => {
    const [, made] = events([start, answer('AISMM-FND-GOV', 4)]);
    expect(made.map((e) => e.type)).toEqual(['ScoresCalculated', 'DerivedScoresCalculated']);
    const [derived] = derivedOf(made);
    expect(derived.data).toMatchObject({
      basis: 'claimed',
      frameworkId: 'csa-aismm',
      inference: { id: 'crosswalk-inference', version: '1.0' },
      crosswalks: [{ id: 'aismm-to-x', version: '2.1' }, { id: 'x-to-y', version: '1.0' }],
      sourceEventId: 'AISMM-FND-GOV',
      calculatedAt: now.toISOString(),
    });
    expect(derived.data.frameworks.map((f) => [f.frameworkId, f.changed.map((d) => [d.nodeId, d.attainment, d.status, d.carriesMaturity]), f.removed])).toEqual([
      ['x', [['X1', 0.75, 'partial', true]], []], // (4 - 1) / 4 along an equal mapping
      ['y', [['Y1', 0.75, 'partial', true]], []], // equal ∘ equal, two hops
    ]);
    expect(derived.data.frameworks[1].changed[0].provenance[0]).toMatchObject({
      source: { frameworkId: 'csa-aismm', nodeId: 'AISMM-FND-GOV', attainment: 0.75 },
      path: [{ crosswalkId: 'aismm-to-x', from: 'AISMM-FND-GOV', to: 'X1' }, { crosswalkId: 'x-to-y', from: 'X1', to: 'Y1' }],
    });
  });

  it('sends only what changed: the frameworks and nodes whose derived values moved, and nothing when none did', () => {
    const [, , partOfX2, moved, unmapped] = events([start, answer('AISMM-FND-GOV', 4), answer('AISMM-FND-ORG', 5), answer('AISMM-FND-GOV', 5), answer('AISMM-STR-DAT', 3)]);
    const changes = (made: ScorecardEvent[]) => derivedOf(made).flatMap((e) => e.data.frameworks.map((f) => [f.frameworkId, f.changed.map((d) => [d.nodeId, d.attainment, d.carriesMaturity]), f.removed]));
    expect(changes(partOfX2)).toEqual([['x', [['X2', 0.5, false]], []]]); // subset-of: coverage only, capped at 0.5; X1 and y unchanged
    expect(changes(moved)).toEqual([['x', [['X1', 1, true]], []], ['y', [['Y1', 1, true]], []]]);
    expect(derivedOf(unmapped)).toEqual([]);
  });

  it('names the nodes nothing reaches any more, and folds to the set in force', () => {
    const [, , , cleared] = events([start, answer('AISMM-FND-GOV', 4), answer('AISMM-FND-ORG', 5), answer('AISMM-FND-GOV', null)]);
    expect(derivedOf(cleared)[0].data.frameworks).toEqual([{ frameworkId: 'x', frameworkVersion: '1', changed: [], removed: ['X1'] }, { frameworkId: 'y', frameworkVersion: '1', changed: [], removed: ['Y1'] }]);
    const state = events([start, answer('AISMM-FND-GOV', 4), answer('AISMM-FND-ORG', 5), answer('AISMM-FND-GOV', null)]).flat().reduce(scorecardDecider.evolve, scorecardDecider.initialState());
    expect(Object.keys(state.derivedPublished['claimed|x@1'])).toEqual(['X2']);
    expect(state.derivedPublished['claimed|y@1']).toEqual({});
  });

  it('derives from the assured scores too, at their instant, counting only backed answers', () => {
    const assure: ChangeAssurance = { type: 'ChangeAssurance', data: { ...crosswalked, backed: ['AISMM-FND-ORG'], cause: { kind: 'evidence', evidenceId: 'e', change: 'verified' }, sourceEventId: 'verified' } };
    const [, , , made] = events([start, answer('AISMM-FND-GOV', 4), answer('AISMM-FND-ORG', 5), assure]);
    expect(made.map((e) => e.type)).toEqual(['AssuranceCalculated', 'DerivedScoresCalculated']);
    const [derived] = derivedOf(made);
    expect(derived.data.basis).toBe('assured');
    expect(derived.data.calculatedAt).toBe((made[0] as AssuranceCalculated).data.calculatedAt);
    expect(derived.data.frameworks.map((f) => [f.frameworkId, f.changed.map((d) => [d.nodeId, d.attainment]), f.removed])).toEqual([['x', [['X2', 0.5]], []]]); // GOV is not backed
  });

  it('sends the same changes after its events were read back from the store, whose jsonb reorders keys', () => {
    const reorder = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reorder) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)])) : value;
    const history = events([start, answer('AISMM-FND-GOV', 4)]).flat();
    const fresh = history.reduce(scorecardDecider.evolve, scorecardDecider.initialState());
    const readBack = history.map((e) => ({ ...e, data: reorder(e.data) }) as ScorecardEvent).reduce(scorecardDecider.evolve, scorecardDecider.initialState());
    const next = answer('AISMM-FND-ORG', 5);
    expect(derivedOf(scorecardDecider.decide(next, readBack))).toEqual(derivedOf(scorecardDecider.decide(next, fresh)));
    expect(derivedOf(scorecardDecider.decide(next, readBack))[0].data.frameworks.map((f) => f.changed.map((v) => v.nodeId))).toEqual([['X2']]);
  });

  it('gives the same events from the same commands, and nothing twice once folded', () => {
    const commands = [start, answer('AISMM-FND-GOV', 4), answer('AISMM-FND-ORG', 5)];
    expect(events(commands)).toEqual(events(commands));
    const folded = events(commands).flat().reduce(scorecardDecider.evolve, scorecardDecider.initialState());
    expect(derivedOf(scorecardDecider.decide(answer('AISMM-FND-ORG', 5), folded))).toEqual([]);
  });
});
