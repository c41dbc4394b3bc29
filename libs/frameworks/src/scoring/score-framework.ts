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
  // Everything under an excluded node is out too, so rules that look nodes up by id (a threat's
  // controls) see the same scope as the tree walk.
  const scope = { definition, answers, excluded: withDescendants(definition, excluded) };
  const visit = (node: FrameworkNode): NodeScore | undefined => {
    if (scope.excluded.has(node.id)) return undefined;
    const children = (node.children ?? []).map(visit).filter((s): s is NodeScore => s !== undefined);
    const score = rule.score(node, children, scope);
    if (score) nodes[node.id] = score;
    return score;
  };
  const top = definition.nodes.map(visit).filter((s): s is NodeScore => s !== undefined);
  return { scoringModel: definition.scoringModel, overall: rule.overall(top, scope), nodes };
}

function withDescendants(definition: FrameworkDefinition, excluded: ReadonlySet<string>): ReadonlySet<string> {
  if (excluded.size === 0) return excluded;
  const all = new Set<string>();
  const visit = (node: FrameworkNode, out: boolean) => {
    const here = out || excluded.has(node.id);
    if (here) all.add(node.id);
    node.children?.forEach((child) => visit(child, here));
  };
  definition.nodes.forEach((n) => visit(n, false));
  return all;
}

export type { ScoringRule };
