import { Decider } from '@assay/domain-kernel';
import { AnswerValue, FrameworkDefinition, NodeScore, nodePlaces, scoreFramework } from '@assay/frameworks';
import { ScorecardCommand, ScorecardEvent, ScoredNode } from './scorecard.events';

export interface ScorecardState {
  framework?: { id: string; version: string };
  answers: Record<string, AnswerValue>;
  answersApplied: number;
  /** The figures last published per node, so the next event carries only what changed. */
  published: Record<string, NodeScore>;
}

export const initialState = (): ScorecardState => ({ answers: {}, answersApplied: 0, published: {} });

const figure = ({ score, min, max, answered, items }: NodeScore): NodeScore => ({ score, min, max, answered, items });
const same = (a: NodeScore | undefined, b: NodeScore) => !!a && a.score === b.score && a.min === b.min && a.max === b.max && a.answered === b.answered && a.items === b.items;

export function evolve(state: ScorecardState, event: ScorecardEvent): ScorecardState {
  switch (event.type) {
    case 'PracticeMaturityCalculated': {
      const { frameworkId, frameworkVersion, questionId, value, answersApplied } = event.data;
      // Its practice figure is not a NodeScore of today's shape: the next event republishes every node.
      return { ...state, framework: { id: frameworkId, version: frameworkVersion }, answers: { ...state.answers, [questionId]: value }, answersApplied };
    }
    case 'ScoresCalculated': {
      const { frameworkId, frameworkVersion, answer, nodes, answersApplied } = event.data;
      const published = { ...state.published };
      for (const node of nodes) published[node.nodeId] = figure(node);
      const answers = answer ? { ...state.answers, [answer.questionId]: answer.value } : state.answers;
      return { framework: { id: frameworkId, version: frameworkVersion }, answers, answersApplied, published };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function scores(definition: FrameworkDefinition, answers: Record<string, AnswerValue>, state: ScorecardState) {
  const result = scoreFramework(definition, answers);
  const places = nodePlaces(definition);
  const nodes: ScoredNode[] = [];
  for (const [nodeId, score] of Object.entries(result.nodes)) {
    if (!same(state.published[nodeId], score)) nodes.push({ nodeId, ...places.get(nodeId)!, ...figure(score) });
  }
  return { result, nodes };
}

/** One event per assessment event: the changed figures, even none, so answersApplied counts every answer once. */
export function decide(command: ScorecardCommand, state: ScorecardState): ScorecardEvent[] {
  const { assessmentId, frameworkId, frameworkVersion, definition, sourceEventId, now } = command.data;
  if (command.type === 'OpenScorecard' && state.framework) return []; // already open (or answered before the start arrived)
  const answer = command.type === 'ApplyAnswer' ? { questionId: command.data.questionId, value: command.data.value } : undefined;
  const answers = answer ? { ...state.answers, [answer.questionId]: answer.value } : state.answers;
  const { result, nodes } = scores(definition, answers, state);
  return [
    {
      type: 'ScoresCalculated',
      data: {
        assessmentId,
        frameworkId,
        frameworkVersion,
        scoringModelId: result.scoringModel.id,
        scoringModelVersion: result.scoringModel.version,
        ...(answer ? { answer } : {}),
        nodes,
        overall: figure(result.overall),
        answeredQuestions: Object.values(answers).filter((v) => v !== null).length,
        answersApplied: state.answersApplied + (answer ? 1 : 0),
        sourceEventId,
        calculatedAt: now.toISOString(),
      },
    },
  ];
}

export const scorecardDecider: Decider<ScorecardCommand, ScorecardEvent, ScorecardState> = { initialState, evolve, decide };
