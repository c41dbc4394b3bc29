import { ScoredNode } from './gaps-and-roadmap';
import { inTreeOrder } from './tree-order';

/**
 * Two assessments of one scope side by side (e.g. this year's and last year's): the change per
 * node, claimed and assured, and which nodes moved most. Pure.
 */
export interface Change {
  baseline: number | null;
  current: number | null;
  change: number | null;
}

export interface NodeComparison {
  nodeId: string;
  parentId: string | null;
  kind: string;
  name: string;
  min: number;
  max: number;
  claimed: Change;
  assured: Change;
}

export interface ComparisonResult {
  overall: { claimed: Change; assured: Change };
  nodes: NodeComparison[];
  largestMoves: string[];
}

/** How many nodes `largestMoves` names at most. */
export const LARGEST_MOVES = 5;

const round = (value: number) => Math.round(value * 1e9) / 1e9;

export function changeOf(baseline: number | null | undefined, current: number | null | undefined): Change {
  const b = baseline ?? null;
  const c = current ?? null;
  return { baseline: b, current: c, change: b !== null && c !== null ? round(c - b) : null };
}

/**
 * Nodes of both in the current assessment's order, then those only the baseline has. A node is
 * a "move" if it is a top-level node or one level under one and its claimed score changed; the
 * largest change relative to its scale comes first (ties: framework order).
 */
export function compare(
  current: ScoredNode[],
  baseline: ScoredNode[],
  overall: { current: { claimed: number | null; assured: number | null }; baseline: { claimed: number | null; assured: number | null } },
): ComparisonResult {
  const before = new Map(baseline.map((n) => [n.nodeId, n]));
  const ordered = [...inTreeOrder(current), ...inTreeOrder(baseline).filter((n) => !current.some((c) => c.nodeId === n.nodeId))];
  const now = new Map(current.map((n) => [n.nodeId, n]));
  const nodes = ordered.map((node): NodeComparison => {
    const b = before.get(node.nodeId);
    const c = now.get(node.nodeId);
    return {
      nodeId: node.nodeId, parentId: node.parentId, kind: node.kind, name: node.name, min: node.min, max: node.max,
      claimed: changeOf(b?.claimed, c?.claimed),
      assured: changeOf(b?.assured, c?.assured),
    };
  });
  const all = new Map(ordered.map((n) => [n.nodeId, n]));
  const depthOf = (id: string): number => {
    const parent = all.get(id)?.parentId;
    return parent && all.has(parent) ? 1 + depthOf(parent) : 0;
  };
  const largestMoves = nodes
    .map((n, index) => ({ n, index, size: n.claimed.change === null ? 0 : Math.abs(n.claimed.change) / (n.max - n.min || 1) }))
    .filter(({ n, size }) => size > 0 && depthOf(n.nodeId) <= 1)
    .sort((a, b) => b.size - a.size || a.index - b.index)
    .slice(0, LARGEST_MOVES)
    .map(({ n }) => n.nodeId);
  return {
    overall: { claimed: changeOf(overall.baseline.claimed, overall.current.claimed), assured: changeOf(overall.baseline.assured, overall.current.assured) },
    nodes,
    largestMoves,
  };
}
