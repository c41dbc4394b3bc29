import { ScorecardView } from './get-scorecard.query';

export interface ScorecardRow {
  assessment_id: string;
  framework_id: string;
  framework_version: string;
  scoring_model_id: string;
  scoring_model_version: string;
  answered_questions: number;
  answers_applied: number;
  score_events_applied: number;
  updated_at: Date;
  overall_score: number | null;
  overall_min: number | null;
  overall_max: number | null;
  overall_answered: number | null;
  overall_items: number | null;
}

export interface NodeScoreRow {
  node_id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  position: number;
  score: number | null;
  min: number;
  max: number;
  answered: number;
  items: number;
  out_of_scope: boolean;
}

type TreeNode = ScorecardView['nodes'][number];

/** What a node of the tree is built from: its place in the framework and its figure. */
export interface PlacedFigure {
  nodeId: string;
  parentId: string | null;
  kind: string;
  name: string;
  position: number;
  score: number | null;
  min: number;
  max: number;
  answered: number;
  items: number;
  outOfScope: boolean;
}

/** The framework's own tree, a score per node, siblings in the definition's order. */
export function nodeTree(nodes: PlacedFigure[]): TreeNode[] {
  const byParent = new Map<string | null, PlacedFigure[]>();
  for (const node of nodes) {
    const siblings = byParent.get(node.parentId) ?? [];
    siblings.push(node);
    byParent.set(node.parentId, siblings);
  }
  const known = new Set(nodes.map((n) => n.nodeId));
  const tree = (parent: string | null): TreeNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position)
      .map((n) => ({
        nodeId: n.nodeId, kind: n.kind, name: n.name, score: n.score, min: n.min, max: n.max, answered: n.answered, items: n.items,
        ...(n.outOfScope ? { outOfScope: true as const } : {}),
        children: tree(n.nodeId),
      }));
  // A node whose parent carries no figure (v1 practices, before their domain was scored) is a root.
  return [...tree(null), ...[...byParent.keys()].filter((p): p is string => p !== null && !known.has(p)).flatMap(tree)];
}

export function toScorecardView(row: ScorecardRow, nodes: NodeScoreRow[]): ScorecardView {
  const roots = nodeTree(
    nodes.map((n) => ({ nodeId: n.node_id, parentId: n.parent_id, kind: n.kind, name: n.name, position: n.position, score: n.score, min: n.min, max: n.max, answered: n.answered, items: n.items, outOfScope: n.out_of_scope })),
  );
  return {
    assessmentId: row.assessment_id,
    frameworkId: row.framework_id,
    frameworkVersion: row.framework_version,
    scoringModelId: row.scoring_model_id,
    scoringModelVersion: row.scoring_model_version,
    answeredQuestions: row.answered_questions,
    answersApplied: row.answers_applied,
    scoreEventsApplied: row.score_events_applied,
    updatedAt: row.updated_at.toISOString(),
    overall: row.overall_min === null ? null : { score: row.overall_score, min: row.overall_min, max: row.overall_max!, answered: row.overall_answered!, items: row.overall_items! },
    nodes: roots,
  };
}
