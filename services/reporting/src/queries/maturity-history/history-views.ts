import type { components } from '@assay/api-types/reporting';
import { HistoryAssessment, NodeChange, ScoreBasis, ScoreChange } from '../../read-models/history-entities';
import { ScoredNode } from '../../history/gaps-and-roadmap';
import { nodeTree } from '../get-scorecard/scorecard-view';

type Schemas = components['schemas'];
export type ScorecardAsOfView = Schemas['ScorecardAsOf'];
export type NodeHistoryView = Schemas['NodeHistory'];
export type ComparisonView = Schemas['Comparison'];

export const scopeOf = (a: HistoryAssessment): Schemas['Scope'] => (a.systemId ? { kind: a.scopeKind, systemId: a.systemId } : { kind: a.scopeKind });

const overallOf = (c: ScoreChange): Schemas['ScoreFigure'] => ({ score: c.overallScore, min: c.overallMin, max: c.overallMax, answered: c.overallAnswered, items: c.overallItems });

function snapshot(change: ScoreChange | undefined, nodes: NodeChange[]): Schemas['ScoreSnapshot'] | null {
  if (!change) return null;
  return {
    scoringModelId: change.scoringModelId,
    scoringModelVersion: change.scoringModelVersion,
    streamVersion: change.streamVersion,
    effectiveAt: change.effectiveAt.toISOString(),
    overall: overallOf(change),
    nodes: nodeTree(nodes),
  };
}

export function scorecardAsOfView(
  assessmentId: string,
  asOf: Date,
  known: { frameworkId: string; frameworkVersion: string; scope: Schemas['Scope'] | null },
  scores: Map<ScoreBasis, ScoreChange>,
  nodes: NodeChange[],
): ScorecardAsOfView {
  return {
    assessmentId,
    asOf: asOf.toISOString(),
    frameworkId: known.frameworkId,
    frameworkVersion: known.frameworkVersion,
    scope: known.scope,
    claimed: snapshot(scores.get('claimed'), nodes.filter((n) => n.basis === 'claimed')),
    assured: snapshot(scores.get('assured'), nodes.filter((n) => n.basis === 'assured')),
  };
}

type Point = Schemas['HistoryPoint'];
const point = (at: Date, streamVersion: number, figure: Schemas['ScoreFigure'], outOfScope: boolean, cause: ScoreChange['cause']): Point => ({
  at: at.toISOString(),
  streamVersion,
  ...figure,
  ...(outOfScope ? { outOfScope: true as const } : {}),
  ...(cause ? { cause } : {}),
});

export function overallHistoryView(assessmentId: string, changes: ScoreChange[]): NodeHistoryView {
  const of = (basis: ScoreBasis) => changes.filter((c) => c.basis === basis).map((c) => point(c.effectiveAt, c.streamVersion, overallOf(c), false, c.cause));
  return { assessmentId, nodeId: null, claimed: of('claimed'), assured: of('assured') };
}

export function nodeHistoryView(assessmentId: string, nodeId: string, changes: NodeChange[], causes: Map<string, ScoreChange['cause']>): NodeHistoryView {
  const of = (basis: ScoreBasis) =>
    changes
      .filter((c) => c.basis === basis)
      .map((c) => point(c.effectiveAt, c.streamVersion, { score: c.score, min: c.min, max: c.max, answered: c.answered, items: c.items }, c.outOfScope, causes.get(`${basis}:${c.streamVersion}`) ?? null));
  return { assessmentId, nodeId, claimed: of('claimed'), assured: of('assured') };
}

/** Claimed and assured figures of each node side by side, for gaps and comparisons. */
export function scoredNodes(nodes: NodeChange[]): ScoredNode[] {
  const byId = new Map<string, ScoredNode>();
  for (const n of nodes) {
    const node = byId.get(n.nodeId) ?? { nodeId: n.nodeId, parentId: n.parentId, kind: n.kind, name: n.name, position: n.position, min: n.min, max: n.max, claimed: null, assured: null, outOfScope: false };
    if (n.basis === 'claimed') Object.assign(node, { parentId: n.parentId, kind: n.kind, name: n.name, position: n.position, min: n.min, max: n.max, claimed: n.score, outOfScope: n.outOfScope });
    else node.assured = n.score;
    byId.set(n.nodeId, node);
  }
  return [...byId.values()];
}
