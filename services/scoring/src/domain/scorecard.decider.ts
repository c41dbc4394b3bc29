import { Decider, canonicalJson } from '@assay/domain-kernel';
import { AnswerValue, CROSSWALK_INFERENCE, FrameworkDefinition, FrameworkScores, crosswalkedNodes, deriveInOtherFrameworks, knownValuesOf, nodePlaces, scoreFramework } from '@assay/frameworks';
import { AssuranceCalculated, AssuranceCause, DerivedChange, DerivedScoresCalculated, Figure, ScoreBasis, ScorecardCommand, ScorecardEvent, ScoredNode } from './scorecard.events';

export interface ScorecardState {
  framework?: { id: string; version: string };
  answers: Record<string, AnswerValue>;
  answersApplied: number;
  /** Nodes out of scope for the assessed system; their answers are kept and count again if they return. */
  excluded: string[];
  /** The figures last published per node, so the next event carries only what changed. */
  published: Record<string, Figure>;
  /** Answered items backed by verified, unexpired evidence: what the assured scores count. */
  backed: string[];
  /** The assured figures last published per node (none before the first AssuranceCalculated). */
  assuredPublished: Record<string, Figure>;
  /** The latest calculatedAt of the assured figures: new ones never hold from before it (see assuredFrom). */
  assuredUpTo?: string;
  /**
   * The derived values last published, as canonical JSON per node (a value read back from the
   * store has its keys in jsonb's order), per basis and framework (derivedKey): only changes are sent.
   */
  derivedPublished: Record<string, Record<string, string>>;
}

export const initialState = (): ScorecardState => ({ answers: {}, answersApplied: 0, excluded: [], published: {}, backed: [], assuredPublished: {}, derivedPublished: {} });

const derivedKey = (basis: ScoreBasis, frameworkId: string, frameworkVersion: string) => `${basis}|${frameworkId}@${frameworkVersion}`;

const figure = ({ score, min, max, answered, items, outOfScope }: Figure): Figure => ({ score, min, max, answered, items, ...(outOfScope ? { outOfScope } : {}) });
const OUT_OF_SCOPE: Figure = { score: null, min: 0, max: 0, answered: 0, items: 0, outOfScope: true };
const same = (a: Figure | undefined, b: Figure) =>
  !!a && a.score === b.score && a.min === b.min && a.max === b.max && a.answered === b.answered && a.items === b.items && !!a.outOfScope === !!b.outOfScope;

/**
 * The instant new assured figures hold from: their cause's, but never before the last assured
 * figures. Each score event is a whole snapshot, and assured ones have causes in two streams (the
 * assessment's answers, the evidence's changes): an expiry noticed after a later answer still
 * counts that answer, so it holds from the answer's instant, and "as of T" by stream order and by
 * time agree. Claimed figures need no such rule: all their causes are one stream's, in order.
 */
const assuredFrom = (now: Date, state: ScorecardState) => (state.assuredUpTo && state.assuredUpTo > now.toISOString() ? state.assuredUpTo : now.toISOString());

export function evolve(state: ScorecardState, event: ScorecardEvent): ScorecardState {
  switch (event.type) {
    case 'PracticeMaturityCalculated': {
      const { frameworkId, frameworkVersion, questionId, value, answersApplied } = event.data;
      // Its practice figure is not a NodeScore of today's shape: the next event republishes every node.
      return { ...state, framework: { id: frameworkId, version: frameworkVersion }, answers: { ...state.answers, [questionId]: value }, answersApplied };
    }
    case 'ScoresCalculated': {
      const { frameworkId, frameworkVersion, answer, excluded, nodes, answersApplied } = event.data;
      const published = { ...state.published };
      for (const node of nodes) published[node.nodeId] = figure(node);
      const answers = answer ? { ...state.answers, [answer.questionId]: answer.value } : state.answers;
      return { ...state, framework: { id: frameworkId, version: frameworkVersion }, answers, answersApplied, excluded: excluded ?? state.excluded, published };
    }
    case 'AssuranceCalculated': {
      const assuredPublished = { ...state.assuredPublished };
      for (const node of event.data.nodes) assuredPublished[node.nodeId] = figure(node);
      return { ...state, backed: event.data.backed, assuredPublished, assuredUpTo: event.data.calculatedAt };
    }
    case 'DerivedScoresCalculated': {
      const derivedPublished = { ...state.derivedPublished };
      for (const f of event.data.frameworks) {
        const key = derivedKey(event.data.basis, f.frameworkId, f.frameworkVersion);
        const nodes = { ...derivedPublished[key] };
        for (const value of f.changed) nodes[value.nodeId] = canonicalJson(value);
        for (const nodeId of f.removed) delete nodes[nodeId];
        derivedPublished[key] = nodes;
      }
      return { ...state, derivedPublished };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function scores(definition: FrameworkDefinition, answers: Record<string, AnswerValue>, excluded: string[], published: Record<string, Figure>) {
  const result = scoreFramework(definition, answers, new Set(excluded));
  const places = nodePlaces(definition);
  // Out of scope: the excluded nodes, and every node published before that now carries no figure
  // (those under an excluded node), so no reader keeps a stale score beneath an excluded parent.
  const gone = Object.keys(published).filter((id) => !(id in result.nodes));
  const out = new Set([...excluded.filter((id) => places.has(id)), ...gone]);
  const figures: [string, Figure][] = [...Object.entries(result.nodes), ...[...out].map((id): [string, Figure] => [id, OUT_OF_SCOPE])];
  const nodes: ScoredNode[] = [];
  for (const [nodeId, score] of figures) {
    if (!same(published[nodeId], score)) nodes.push({ nodeId, ...places.get(nodeId)!, ...figure(score) });
  }
  return { result, nodes };
}

/**
 * What changed in what `result` implies in the other frameworks the command's crosswalks reach,
 * since last published: the new or different values, and the nodes no longer reached. Only the
 * figures of crosswalked nodes travel, so when none of them `moved` nothing is derived afresh.
 */
function derivedScores(command: ScorecardCommand, state: ScorecardState, basis: ScoreBasis, result: FrameworkScores, moved: ScoredNode[], calculatedAt: string): DerivedScoresCalculated[] {
  const { assessmentId, frameworkId, frameworkVersion, crosswalks, sourceEventId } = command.data;
  const travelling = crosswalkedNodes(crosswalks, frameworkId, frameworkVersion);
  if (!moved.some((node) => travelling.has(node.nodeId))) return [];
  const frameworks: DerivedChange[] = [];
  for (const f of deriveInOtherFrameworks({ frameworkId, version: frameworkVersion, values: knownValuesOf(result) }, crosswalks)) {
    const published = state.derivedPublished[derivedKey(basis, f.frameworkId, f.frameworkVersion)] ?? {};
    const changed = f.derived.filter((value) => published[value.nodeId] !== canonicalJson(value));
    const reached = new Set(f.derived.map((value) => value.nodeId));
    const removed = Object.keys(published).filter((nodeId) => !reached.has(nodeId)).sort();
    if (changed.length > 0 || removed.length > 0) frameworks.push({ frameworkId: f.frameworkId, frameworkVersion: f.frameworkVersion, changed, removed });
  }
  if (frameworks.length === 0) return [];
  return [
    {
      type: 'DerivedScoresCalculated',
      data: {
        assessmentId,
        frameworkId,
        frameworkVersion,
        basis,
        inference: { ...CROSSWALK_INFERENCE },
        crosswalks: crosswalks.map((cw) => ({ id: cw.id, version: cw.version })),
        frameworks,
        sourceEventId,
        calculatedAt,
      },
    },
  ];
}

/** Only backed answers count: an unbacked item is scored as unanswered. */
const backedAnswers = (answers: Record<string, AnswerValue>, backed: string[]) => Object.fromEntries(backed.filter((id) => id in answers).map((id) => [id, answers[id]]));

/**
 * The assured scores after a change, when there is something to say: once any item is backed (or
 * was), and only if a figure or the backed set moved.
 */
function assurance(command: ScorecardCommand, state: ScorecardState, answers: Record<string, AnswerValue>, excluded: string[], backed: string[], cause: AssuranceCause): (AssuranceCalculated | DerivedScoresCalculated)[] {
  const everBacked = backed.length > 0 || Object.keys(state.assuredPublished).length > 0;
  if (!everBacked) return [];
  const { assessmentId, frameworkId, frameworkVersion, definition, sourceEventId, now } = command.data;
  const { result, nodes } = scores(definition, backedAnswers(answers, backed), excluded, state.assuredPublished);
  const backedChanged = JSON.stringify([...backed].sort()) !== JSON.stringify([...state.backed].sort());
  if (nodes.length === 0 && !backedChanged) return [];
  const calculatedAt = assuredFrom(now, state);
  return [
    {
      type: 'AssuranceCalculated',
      data: {
        assessmentId,
        frameworkId,
        frameworkVersion,
        scoringModelId: result.scoringModel.id,
        scoringModelVersion: result.scoringModel.version,
        cause,
        backed: [...backed].sort(),
        nodes,
        overall: figure(result.overall),
        sourceEventId,
        calculatedAt,
      },
    },
    ...derivedScores(command, state, 'assured', result, nodes, calculatedAt),
  ];
}

/** One event per assessment event: the changed figures, even none, so answersApplied counts every answer once. */
export function decide(command: ScorecardCommand, state: ScorecardState): ScorecardEvent[] {
  const { assessmentId, frameworkId, frameworkVersion, definition, sourceEventId, now } = command.data;
  if (command.type === 'ChangeAssurance') return assurance(command, state, state.answers, state.excluded, command.data.backed, command.data.cause);
  // Already open (or answered before a replayed start arrived): only a scope it brings counts.
  if (command.type === 'OpenScorecard' && state.framework && JSON.stringify(command.data.excluded) === JSON.stringify(state.excluded)) return [];
  const answer = command.type === 'ApplyAnswer' ? { questionId: command.data.questionId, value: command.data.value } : undefined;
  const answers = answer ? { ...state.answers, [answer.questionId]: answer.value } : state.answers;
  const excluded = command.type === 'ApplyAnswer' ? state.excluded : command.data.excluded;
  const { result, nodes } = scores(definition, answers, excluded, state.published);
  const cause: AssuranceCause = answer ? { kind: 'answer', questionId: answer.questionId } : { kind: 'scope' };
  // An answer moves the assured scores only when its item is backed; a scope change may move any.
  const assured = answer && !state.backed.includes(answer.questionId) ? [] : assurance(command, state, answers, excluded, state.backed, cause);
  return [
    {
      type: 'ScoresCalculated',
      data: {
        assessmentId,
        frameworkId,
        frameworkVersion,
        scoringModelId: result.scoringModel.id,
        scoringModelVersion: result.scoringModel.version,
        ...(answer ? { answer } : { excluded }),
        nodes,
        overall: figure(result.overall),
        answeredQuestions: Object.values(answers).filter((v) => v !== null).length,
        answersApplied: state.answersApplied + (answer ? 1 : 0),
        sourceEventId,
        calculatedAt: now.toISOString(),
      },
    },
    ...derivedScores(command, state, 'claimed', result, nodes, now.toISOString()),
    ...assured,
  ];
}

export const scorecardDecider: Decider<ScorecardCommand, ScorecardEvent, ScorecardState> = { initialState, evolve, decide };
