import { FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';
import { AnswerValue } from './answers';
import { NodeScore } from './node-score';

export interface ScoringScope {
  definition: FrameworkDefinition;
  answers: Readonly<Record<string, AnswerValue>>;
  excluded: ReadonlySet<string>;
}

/** Answerable nodes in scope under `node` (itself included), depth first. */
export function answerablesUnder(node: FrameworkNode, scope: ScoringScope): FrameworkNode[] {
  if (scope.excluded.has(node.id)) return [];
  const own = node.answerScale ? [node] : [];
  return [...own, ...(node.children ?? []).flatMap((child) => answerablesUnder(child, scope))];
}

export const valueOf = (node: FrameworkNode, scope: ScoringScope): AnswerValue => scope.answers[node.id] ?? null;

export const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

/** The children's figures combined by mean, on the children's scale; counts add up. */
export function meanOf(children: NodeScore[]): NodeScore | undefined {
  const scored = children.filter((c) => c.score !== null);
  if (children.length === 0) return undefined;
  return {
    score: scored.length ? mean(scored.map((c) => c.score!)) : null,
    min: Math.min(...children.map((c) => c.min)),
    max: Math.max(...children.map((c) => c.max)),
    answered: children.reduce((n, c) => n + c.answered, 0),
    items: children.reduce((n, c) => n + c.items, 0),
  };
}

export function counts(nodes: FrameworkNode[], scope: ScoringScope): Pick<NodeScore, 'answered' | 'items'> {
  return { answered: nodes.filter((n) => valueOf(n, scope) !== null).length, items: nodes.length };
}
