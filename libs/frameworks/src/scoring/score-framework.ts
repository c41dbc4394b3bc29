import { FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';
import { AnswerValue } from './answers';
import { FrameworkScores, NodeScore } from './node-score';
import { SCORING_RULES, ScoringRule } from './scoring-rules';

export type Answers = Readonly<Record<string, AnswerValue>>;

export class UnknownScoringModelError extends Error {
  constructor(readonly model: string) {
    super(`no scoring model ${model}`);
    this.name = 'UnknownScoringModelError';
  }
}

/**
 * Scores every node of a definition, bottom up to the overall score, with the scoring model the
 * definition names. `excluded` holds nodes out of scope (applicability): they and everything under
 * them leave every figure, as a not-applicable control leaves coverage's denominator.
 */
export function scoreFramework(definition: FrameworkDefinition, answers: Answers, excluded: ReadonlySet<string> = new Set()): FrameworkScores {
  const key = `${definition.scoringModel.id}@${definition.scoringModel.version}`;
  const rule = SCORING_RULES[key];
  if (!rule) throw new UnknownScoringModelError(key);
  const nodes: Record<string, NodeScore> = {};
  const scope = { definition, answers, excluded };
  const visit = (node: FrameworkNode): NodeScore | undefined => {
    if (excluded.has(node.id)) return undefined;
    const children = (node.children ?? []).map(visit).filter((s): s is NodeScore => s !== undefined);
    const score = rule.score(node, children, scope);
    if (score) nodes[node.id] = score;
    return score;
  };
  const top = definition.nodes.map(visit).filter((s): s is NodeScore => s !== undefined);
  return { scoringModel: definition.scoringModel, overall: rule.overall(top, scope), nodes };
}

export type { ScoringRule };
