/**
 * One node's score under its definition's scoring model. `min`–`max` is the scale the figure is on
 * (AIMA 0–3, staged CMM 1–5, capability level 0–5, coverage 0–1), so any reader can draw or
 * normalise it without knowing the model. `score` is null when nothing under the node can score
 * (e.g. every control not applicable).
 */
export interface NodeScore {
  score: number | null;
  min: number;
  max: number;
  /** Answerable items under the node (itself included) that have a value. */
  answered: number;
  /** Answerable items under the node that are in scope. */
  items: number;
}

export interface FrameworkScores {
  scoringModel: { id: string; version: string };
  overall: NodeScore;
  /** Every node that carries a score, by id; excluded nodes and pure descriptors carry none. */
  nodes: Record<string, NodeScore>;
}

/** 0–1 attainment of a score on its own scale (for crosswalks and charts); undefined without a figure. */
export function attainmentOf(score: NodeScore): number | undefined {
  if (score.score === null || score.max === score.min) return undefined;
  return (score.score - score.min) / (score.max - score.min);
}
