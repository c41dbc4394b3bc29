import { Crosswalk } from '../definition/framework-definition';
import { FrameworkScores, attainmentOf } from '../scoring/node-score';
import { DerivedValue, FrameworkValues, KnownValue, byCodeUnits, derivedValuesOf, frameworkKey, pathsFrom } from './infer-across-crosswalks';

/**
 * The inference's own identity and version, named by every derived score: a change to how values
 * travel along crosswalks (caps, composition, conflict rule) is a new version, as for scoring models.
 */
export const CROSSWALK_INFERENCE = { id: 'crosswalk-inference', version: '1.0' } as const;

/**
 * What a framework's scores carry across crosswalks: the attainment (0–1) of every node that has a
 * figure and at least one answer beneath it. Nodes nobody answered carry nothing.
 */
export function knownValuesOf(scores: FrameworkScores): Record<string, KnownValue> {
  const values: Record<string, KnownValue> = {};
  for (const [nodeId, score] of Object.entries(scores.nodes)) {
    const attainment = attainmentOf(score);
    if (score.answered > 0 && attainment !== undefined) values[nodeId] = { attainment };
  }
  return values;
}

const mapped = new WeakMap<readonly Crosswalk[], Map<string, ReadonlySet<string>>>();

/**
 * The nodes of one framework version that some crosswalk maps (not-related mappings aside): the
 * only nodes whose values can travel, so a change elsewhere derives nothing new.
 */
export function crosswalkedNodes(crosswalks: readonly Crosswalk[], frameworkId: string, version: string): ReadonlySet<string> {
  let byFramework = mapped.get(crosswalks);
  if (!byFramework) mapped.set(crosswalks, (byFramework = new Map()));
  const key = frameworkKey(frameworkId, version);
  let nodes = byFramework.get(key);
  if (!nodes) {
    const ids = new Set<string>();
    for (const cw of crosswalks) {
      for (const m of cw.mappings) {
        if (m.relationship === 'not-related') continue;
        if (cw.source.frameworkId === frameworkId && cw.source.version === version) ids.add(m.from);
        if (cw.target.frameworkId === frameworkId && cw.target.version === version) ids.add(m.to);
      }
    }
    byFramework.set(key, (nodes = ids));
  }
  return nodes;
}

export interface DerivedFramework {
  frameworkId: string;
  frameworkVersion: string;
  derived: DerivedValue[];
}

/** Every framework version a crosswalk names other than `source`, in a stable order. */
export function frameworksAcross(crosswalks: readonly Crosswalk[], source: { frameworkId: string; version: string }): { frameworkId: string; version: string }[] {
  const seen = new Map<string, { frameworkId: string; version: string }>();
  for (const cw of crosswalks) {
    for (const end of [cw.source, cw.target]) {
      if (end.frameworkId === source.frameworkId && end.version === source.version) continue;
      seen.set(frameworkKey(end.frameworkId, end.version), end);
    }
  }
  return [...seen.entries()].sort(([a], [b]) => byCodeUnits(a, b)).map(([, end]) => end);
}

/**
 * The values `source` implies in every other framework the crosswalks reach, one entry per
 * framework (an empty `derived` where nothing reaches it), with provenance per value.
 */
export function deriveInOtherFrameworks(source: FrameworkValues, crosswalks: readonly Crosswalk[]): DerivedFramework[] {
  const reached = pathsFrom([source], crosswalks);
  return frameworksAcross(crosswalks, { frameworkId: source.frameworkId, version: source.version }).map((target) => ({
    frameworkId: target.frameworkId,
    frameworkVersion: target.version,
    derived: derivedValuesOf(reached.get(frameworkKey(target.frameworkId, target.version)) ?? new Map()).derived,
  }));
}
