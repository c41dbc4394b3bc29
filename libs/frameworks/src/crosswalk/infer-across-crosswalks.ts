import { Crosswalk, OlirRelationship } from '../definition/framework-definition';

/** A framework node's attainment on a common 0–1 scale (answer credit, maturity / max, level). */
export interface KnownValue {
  attainment: number;
}

export interface FrameworkValues {
  frameworkId: string;
  version: string;
  values: Readonly<Record<string, KnownValue>>;
}

export interface PathStep {
  crosswalkId: string;
  from: string;
  to: string;
  /** As travelled: from `from` towards `to`. */
  relationship: Exclude<OlirRelationship, 'not-related'>;
}

export interface Provenance {
  source: { frameworkId: string; version: string; nodeId: string; attainment: number };
  path: PathStep[];
  /** The path's relationships composed: how the source node relates to the target node. */
  relationship: PathStep['relationship'];
  /** True when every hop was equal or superset-of: maturity carries, not only partial coverage. */
  full: boolean;
  attainment: number;
}

export type DerivedStatus = 'implemented' | 'partial' | 'not-implemented';

export interface DerivedValue {
  nodeId: string;
  attainment: number;
  status: DerivedStatus;
  /** Maturity carries only along equal/superset paths; otherwise this is coverage only. */
  carriesMaturity: boolean;
  /** The sources disagreed; the most restrictive one decided. */
  conflict: boolean;
  provenance: Provenance[];
}

export interface InferenceResult {
  derived: DerivedValue[];
  /** Target nodes a person answered: reported, never overwritten. */
  keptAsEntered: string[];
}

export const PARTIAL_CAP = 0.5;

const INVERSE: Record<Exclude<OlirRelationship, 'not-related'>, Exclude<OlirRelationship, 'not-related'>> = {
  equal: 'equal',
  'subset-of': 'superset-of',
  'superset-of': 'subset-of',
  'intersects-with': 'intersects-with',
};

/** Equal or superset-of in the direction of travel: the source covers the whole target. */
const carriesFully = (r: PathStep['relationship']) => r === 'equal' || r === 'superset-of';

type Relationship = PathStep['relationship'];

/**
 * How A relates to C given A r1 B and B r2 C, as sets of requirements; undefined when nothing
 * follows (A ⊆ B ⊇ C, or two overlaps in a row, say nothing about A and C), and such a path
 * carries nothing.
 */
export function composeRelationships(r1: Relationship, r2: Relationship): Relationship | undefined {
  if (r1 === 'equal') return r2;
  if (r2 === 'equal') return r1;
  if (r1 === r2 && r1 !== 'intersects-with') return r1; // ⊇∘⊇ = ⊇, ⊆∘⊆ = ⊆
  if (r1 === 'superset-of' && (r2 === 'subset-of' || r2 === 'intersects-with')) return 'intersects-with'; // B lies in A, and B meets C
  if (r1 === 'intersects-with' && r2 === 'subset-of') return 'intersects-with'; // A meets B, and B lies in C
  return undefined;
}

/** Plain string order, the same in every process: derived scores are events, and localeCompare follows the machine's locale. */
export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const frameworkKey = (frameworkId: string, version: string) => `${frameworkId}@${version}`;
const key = (frameworkId: string, version: string, nodeId: string) => `${frameworkKey(frameworkId, version)}#${nodeId}`;

interface Edge {
  to: string;
  /** `to` as framework key and node id. */
  framework: string;
  node: string;
  step: PathStep;
}

/**
 * Derives values for `target` from known values in other frameworks along crosswalk paths of up
 * to `maxHops` mappings, each usable in both directions (A subset-of B = B superset-of A).
 * - a path's relationships compose (composeRelationships); an equal or superset-of result carries
 *   attainment and maturity, a subset-of or intersects-with result at most partial coverage
 *   (attainment capped at 0.5), and a path whose composition says nothing carries nothing;
 * - not-related mappings carry nothing;
 * - per source node the strongest path counts; across sources the most restrictive result wins
 *   (intuitem/ciso-assistant-community does the same for pass/fail; we carry maturity too),
 *   among full-coverage paths when there are any, since a capped path is no counter-evidence;
 * - a value a person entered in the target is never overwritten.
 */
export function inferAcrossCrosswalks(
  sources: readonly FrameworkValues[],
  crosswalks: readonly Crosswalk[],
  target: { frameworkId: string; version: string; entered?: Readonly<Record<string, unknown>> },
  maxHops = 3,
): InferenceResult {
  const others = sources.filter((s) => s.frameworkId !== target.frameworkId || s.version !== target.version);
  return derivedValuesOf(pathsFrom(others, crosswalks, maxHops).get(frameworkKey(target.frameworkId, target.version)) ?? new Map(), target.entered);
}

/** Target node → source node → the strongest provenance from it. */
export type ReachedNodes = Map<string, Map<string, Provenance>>;

/**
 * Every node the sources' values reach along crosswalk paths of up to `maxHops` mappings, by
 * framework (`frameworkKey`), with the strongest path from each source node: one walk serves every
 * target framework (deriving into all of them after each answer walks the graph once).
 */
export function pathsFrom(sources: readonly FrameworkValues[], crosswalks: readonly Crosswalk[], maxHops = 3): Map<string, ReachedNodes> {
  const graph = graphOf(crosswalks);
  const reached = new Map<string, ReachedNodes>();
  for (const source of sources) {
    for (const [nodeId, value] of Object.entries(source.values)) {
      const start = key(source.frameworkId, source.version, nodeId);
      if (!graph.has(start)) continue;
      const walk = (at: string, path: PathStep[], composed: Relationship | undefined, visited: Set<string>) => {
        if (path.length >= maxHops) return;
        for (const edge of graph.get(at) ?? []) {
          if (visited.has(edge.to)) continue;
          const relationship = composed === undefined ? edge.step.relationship : composeRelationships(composed, edge.step.relationship);
          if (relationship === undefined) continue;
          const nextPath = [...path, edge.step];
          const full = carriesFully(relationship);
          const provenance: Provenance = {
            source: { frameworkId: source.frameworkId, version: source.version, nodeId, attainment: value.attainment },
            path: nextPath,
            relationship,
            full,
            attainment: full ? value.attainment : Math.min(value.attainment, PARTIAL_CAP),
          };
          const nodes = reached.get(edge.framework) ?? new Map<string, Map<string, Provenance>>();
          const bySource = nodes.get(edge.node) ?? new Map<string, Provenance>();
          const known = bySource.get(start);
          if (!known || stronger(provenance, known)) bySource.set(start, provenance);
          nodes.set(edge.node, bySource);
          reached.set(edge.framework, nodes);
          walk(edge.to, nextPath, relationship, new Set([...visited, edge.to]));
        }
      };
      walk(start, [], undefined, new Set([start]));
    }
  }
  return reached;
}

/** The derived value of every reached node of one framework, except those a person entered there. */
export function derivedValuesOf(best: ReachedNodes, entered?: Readonly<Record<string, unknown>>): InferenceResult {
  const derived: DerivedValue[] = [];
  const keptAsEntered: string[] = [];
  for (const [nodeId, bySource] of [...best.entries()].sort(([a], [b]) => byCodeUnits(a, b))) {
    if (entered && nodeId in entered) {
      keptAsEntered.push(nodeId);
      continue;
    }
    const provenance = [...bySource.values()];
    // A capped partial path only bounds what it can vouch for; it is no evidence against a target
    // that full paths cover. Full paths decide when there are any; partial ones only otherwise.
    const full = provenance.filter((p) => p.full);
    const deciding = full.length > 0 ? full : provenance;
    const decisive = deciding.reduce((a, b) => (b.attainment < a.attainment ? b : a));
    derived.push({
      nodeId,
      attainment: decisive.attainment,
      status: decisive.attainment >= 1 ? 'implemented' : decisive.attainment > 0 ? 'partial' : 'not-implemented',
      carriesMaturity: decisive.full,
      conflict: new Set(deciding.map((p) => p.attainment)).size > 1,
      provenance,
    });
  }
  return { derived, keptAsEntered };
}

/** Higher carried attainment wins; at equal attainment a full path, then a shorter path. */
function stronger(a: Provenance, b: Provenance): boolean {
  if (a.attainment !== b.attainment) return a.attainment > b.attainment;
  if (a.full !== b.full) return a.full;
  return a.path.length < b.path.length;
}

/** Scoring derives after every answer from the same crosswalk list: its graph is built once. */
const graphs = new WeakMap<readonly Crosswalk[], Map<string, Edge[]>>();
function graphOf(crosswalks: readonly Crosswalk[]): Map<string, Edge[]> {
  let graph = graphs.get(crosswalks);
  if (!graph) graphs.set(crosswalks, (graph = buildGraph(crosswalks)));
  return graph;
}

function buildGraph(crosswalks: readonly Crosswalk[]): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  const add = (from: string, edge: Edge) => graph.set(from, [...(graph.get(from) ?? []), edge]);
  for (const cw of crosswalks) {
    for (const m of cw.mappings) {
      if (m.relationship === 'not-related') continue;
      const from = key(cw.source.frameworkId, cw.source.version, m.from);
      const to = key(cw.target.frameworkId, cw.target.version, m.to);
      const [sourceKey, targetKey] = [frameworkKey(cw.source.frameworkId, cw.source.version), frameworkKey(cw.target.frameworkId, cw.target.version)];
      add(from, { to, framework: targetKey, node: m.to, step: { crosswalkId: cw.id, from: m.from, to: m.to, relationship: m.relationship } });
      add(to, { to: from, framework: sourceKey, node: m.from, step: { crosswalkId: cw.id, from: m.to, to: m.from, relationship: INVERSE[m.relationship] } });
    }
  }
  return graph;
}
