/** A reporting scorecard's tree flattened to nodeId → score, for specs that check figures by node. */
export function scoresByNode(card: { nodes: ScorecardNode[] }): Map<string, number | null> {
  const scores = new Map<string, number | null>();
  const visit = (nodes: ScorecardNode[]) => nodes.forEach((n) => (scores.set(n.nodeId, n.score), visit(n.children)));
  visit(card.nodes);
  return scores;
}

interface ScorecardNode {
  nodeId: string;
  score: number | null;
  children: ScorecardNode[];
}
