import type { components } from '@assay/api-types/reporting';
import { ReportData } from './report-data';

type TreeNode = components['schemas']['ScorecardNode'];

/** One line per framework node, in the framework's order: the table of the CSV, the XLSX and the HTML. */
export interface NodeLine {
  nodeId: string;
  depth: number;
  kind: string;
  name: string;
  claimed: number | null;
  assured: number | null;
  min: number;
  max: number;
  target: number | null;
  gap: number | null;
  assuredGap: number | null;
  rank: number | null;
  priority: number | null;
}

export function nodeLines(data: ReportData): NodeLine[] {
  const assured = new Map<string, number | null>();
  const walk = (nodes: TreeNode[], visit: (n: TreeNode, depth: number) => void, depth = 0) =>
    nodes.forEach((n) => {
      visit(n, depth);
      walk(n.children, visit, depth + 1);
    });
  walk(data.scorecard.assured?.nodes ?? [], (n) => assured.set(n.nodeId, n.score));
  const gaps = new Map(data.roadmap.gaps.map((g) => [g.nodeId, g]));
  const ranks = new Map(data.roadmap.roadmap.map((r) => [r.nodeId, r]));
  const lines: NodeLine[] = [];
  walk(data.scorecard.claimed?.nodes ?? [], (n, depth) => {
    const gap = gaps.get(n.nodeId);
    const item = ranks.get(n.nodeId);
    lines.push({
      nodeId: n.nodeId, depth, kind: n.kind, name: n.name, claimed: n.score, assured: assured.get(n.nodeId) ?? null, min: n.min, max: n.max,
      target: gap?.target ?? null, gap: gap?.gap ?? null, assuredGap: gap?.assuredGap ?? null, rank: item?.rank ?? null, priority: item?.priority ?? null,
    });
  });
  return lines;
}

export const NODE_LINE_HEADERS: [keyof NodeLine, string][] = [
  ['nodeId', 'node_id'], ['depth', 'depth'], ['kind', 'kind'], ['name', 'name'], ['claimed', 'claimed'], ['assured', 'assured'], ['min', 'min'], ['max', 'max'],
  ['target', 'target'], ['gap', 'gap'], ['assuredGap', 'assured_gap'], ['rank', 'roadmap_rank'], ['priority', 'priority'],
];
