import { inTreeOrder } from './tree-order';

/**
 * Gaps to target and the roadmap, from one moment's scorecard (claimed and assured figures per
 * node), the assessment's targets and the framework's threats. Pure.
 *
 * - A node's target is its own, else its nearest ancestor's (a target on a domain applies to its
 *   categories), on the node's own scale. Unanswered counts as the scale's minimum.
 * - gap = target − claimed; evidence shortfall = min(claimed, target) − assured, the part of the
 *   claim up to the target that no verified, unexpired evidence backs (a claim beyond the target
 *   needs no evidence to close a gap). Both are normalised by the node's scale (max − min).
 * - The roadmap ranks the nodes one level under the framework's top nodes (AIMA practices, AISMM
 *   categories, AI Exchange controls, CMMI capability areas) by
 *       priority = (gap + shortfall / 2) / (max − min) × (1 + applicable threats the node or a node under it mitigates)
 *   so a missing control against live threats comes first, and a claim without evidence counts half
 *   a gap. Ties keep the framework's order. The focus is the roadmap's first three, the "two or
 *   three highest-gap categories" CSA advises for AISMM, for every framework alike.
 */
export interface ScoredNode {
  nodeId: string;
  parentId: string | null;
  kind: string;
  name: string;
  position: number;
  min: number;
  max: number;
  claimed: number | null;
  assured: number | null;
  outOfScope: boolean;
}

export interface Threat {
  threatId: string;
  /** The controls that mitigate it and every node above them in the framework (node ids). */
  mitigatedUnder: ReadonlySet<string>;
  applicable: boolean;
}

export interface Gap {
  nodeId: string;
  name: string;
  kind: string;
  target: number;
  /** The node whose target applies (itself or an ancestor). */
  targetFrom: string;
  claimed: number | null;
  assured: number | null;
  gap: number;
  assuredGap: number;
}

export interface RoadmapItem extends Gap {
  rank: number;
  evidenceShortfall: number;
  threats: string[];
  priority: number;
}

export interface GapsAndRoadmap {
  gaps: Gap[];
  roadmap: RoadmapItem[];
  focus: string[];
}

export const FOCUS_SIZE = 3;

const round = (value: number) => Math.round(value * 1e9) / 1e9;

export function gapsAndRoadmap(nodes: ScoredNode[], targets: ReadonlyMap<string, number>, threats: Threat[]): GapsAndRoadmap {
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const order = inTreeOrder(nodes);
  const targetOf = (node: ScoredNode): { target: number; from: string } | undefined => {
    for (let at: ScoredNode | undefined = node; at; at = at.parentId ? byId.get(at.parentId) : undefined) {
      const target = targets.get(at.nodeId);
      if (target !== undefined) return { target, from: at.nodeId };
    }
    return undefined;
  };
  const gaps: Gap[] = [];
  for (const node of order) {
    if (node.outOfScope) continue;
    const target = targetOf(node);
    if (!target) continue;
    const claimed = node.claimed ?? node.min;
    const assured = node.assured ?? node.min;
    gaps.push({
      nodeId: node.nodeId, name: node.name, kind: node.kind, target: target.target, targetFrom: target.from, claimed: node.claimed, assured: node.assured,
      gap: round(Math.max(0, target.target - claimed)), assuredGap: round(Math.max(0, target.target - Math.min(assured, claimed))),
    });
  }
  const depthOf = (node: ScoredNode): number => (node.parentId && byId.has(node.parentId) ? 1 + depthOf(byId.get(node.parentId)!) : 0);
  const hasSecondLevel = nodes.some((n) => depthOf(n) === 1);
  const candidateDepth = hasSecondLevel ? 1 : 0;
  const ranked = gaps
    .map((gap, index) => ({ gap, index, node: byId.get(gap.nodeId)! }))
    .filter(({ node }) => depthOf(node) === candidateDepth)
    .map(({ gap, index, node }) => {
      const range = node.max - node.min || 1;
      const evidenceShortfall = round(gap.assuredGap - gap.gap);
      const mitigated = threats.filter((t) => t.applicable && t.mitigatedUnder.has(node.nodeId)).map((t) => t.threatId);
      const priority = round(((gap.gap + evidenceShortfall / 2) / range) * (1 + mitigated.length));
      return { item: { ...gap, evidenceShortfall, threats: mitigated, priority }, index };
    })
    .filter(({ item }) => item.priority > 0)
    .sort((a, b) => b.item.priority - a.item.priority || a.index - b.index)
    .map(({ item }, i) => ({ ...item, rank: i + 1 }));
  return { gaps, roadmap: ranked, focus: ranked.slice(0, FOCUS_SIZE).map((r) => r.nodeId) };
}
