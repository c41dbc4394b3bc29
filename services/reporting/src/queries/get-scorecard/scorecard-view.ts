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

/** The framework's own tree, a score per node, siblings in the definition's order. */
export function toScorecardView(row: ScorecardRow, nodes: NodeScoreRow[]): ScorecardView {
  const byParent = new Map<string | null, NodeScoreRow[]>();
  for (const node of nodes) {
    const siblings = byParent.get(node.parent_id) ?? [];
    siblings.push(node);
    byParent.set(node.parent_id, siblings);
  }
  const known = new Set(nodes.map((n) => n.node_id));
  const tree = (parent: string | null): TreeNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position)
      .map((n) => ({
        nodeId: n.node_id, kind: n.kind, name: n.name, score: n.score, min: n.min, max: n.max, answered: n.answered, items: n.items,
        ...(n.out_of_scope ? { outOfScope: true as const } : {}),
        children: tree(n.node_id),
      }));
  // A node whose parent carries no figure (v1 practices, before their domain was scored) is a root.
  const roots = [...tree(null), ...[...byParent.keys()].filter((p): p is string => p !== null && !known.has(p)).flatMap(tree)];
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
