import { FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';
import { AnswerValue } from './answers';
import { NodeScore } from './node-score';

export interface ScoringScope {
  definition: FrameworkDefinition;
  answers: Readonly<Record<string, AnswerValue>>;
  excluded: ReadonlySet<string>;
}

/**
 * Per definition and set of excluded nodes, each node's answerables: they depend on neither the
 * answers nor the rule, and scoring after every answer asked for every node's afresh, walking
 * each subtree once per ancestor. A definition meets few scopes (its assessed systems' profiles);
 * past MAX_SCOPES the oldest is dropped.
 */
const answerables = new WeakMap<FrameworkDefinition, Map<string, Map<string, readonly FrameworkNode[]>>>();
const MAX_SCOPES = 64;
/** The same, found once per scoring (one scope object) rather than once per node. */
const ofScope = new WeakMap<ScoringScope, Map<string, readonly FrameworkNode[]>>();

function answerablesOf(scope: ScoringScope): Map<string, readonly FrameworkNode[]> {
  const found = ofScope.get(scope);
  if (found) return found;
  let byScope = answerables.get(scope.definition);
  if (!byScope) answerables.set(scope.definition, (byScope = new Map()));
  const key = [...scope.excluded].sort().join('\n');
  let known = byScope.get(key);
  if (!known) {
    if (byScope.size >= MAX_SCOPES) byScope.delete(byScope.keys().next().value!);
    byScope.set(key, (known = new Map()));
  }
  ofScope.set(scope, known);
  return known;
}

/** Answerable nodes in scope under `node` (itself included), depth first. */
export function answerablesUnder(node: FrameworkNode, scope: ScoringScope): readonly FrameworkNode[] {
  const known = answerablesOf(scope);
  const walk = (at: FrameworkNode): readonly FrameworkNode[] => {
    const cached = known.get(at.id);
    if (cached) return cached;
    const under = scope.excluded.has(at.id) ? [] : [...(at.answerScale ? [at] : []), ...(at.children ?? []).flatMap(walk)];
    known.set(at.id, under);
    return under;
  };
  return walk(node);
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

export function counts(nodes: readonly FrameworkNode[], scope: ScoringScope): Pick<NodeScore, 'answered' | 'items'> {
  return { answered: nodes.filter((n) => valueOf(n, scope) !== null).length, items: nodes.length };
}
