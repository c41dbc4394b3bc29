import { Crosswalk, FrameworkDefinition, SHIPPED_CROSSWALKS, SHIPPED_FRAMEWORKS, walkNodes } from '@assay/frameworks';

export interface HintedType {
  typeId: string;
  /** The item whose hint it is, and the crosswalk path to it ([] for the item's own hints). */
  via: { frameworkId: string; nodeId: string }[];
}

type Place = { frameworkId: string; version: string; nodeId: string };
const keyOf = (p: Place) => `${p.frameworkId}@${p.version}#${p.nodeId}`;

/** How far a hint may travel across crosswalks: an AIMA practice reaches the resource guide's checklist through ISO/IEC 42001 and the AI Exchange. */
export const MAX_CROSSWALK_HOPS = 3;

/**
 * The evidence types that would support an item of a framework: its own evidence hints and its
 * ancestors', then those reached through crosswalks (either direction, any relationship but
 * "not related"), nearest first. Frameworks are data here: only the definitions and crosswalks say
 * which hint belongs where.
 */
export class EvidenceHints {
  private readonly hints = new Map<string, string[]>();
  private readonly edges = new Map<string, Place[]>();

  constructor(definitions: readonly FrameworkDefinition[] = SHIPPED_FRAMEWORKS, crosswalks: readonly Crosswalk[] = SHIPPED_CROSSWALKS) {
    for (const d of definitions) this.index(d);
    for (const c of crosswalks) {
      for (const m of c.mappings) {
        if (m.relationship === 'not-related') continue;
        const from = { frameworkId: c.source.frameworkId, version: c.source.version, nodeId: m.from };
        const to = { frameworkId: c.target.frameworkId, version: c.target.version, nodeId: m.to };
        this.connect(from, to);
        this.connect(to, from);
      }
    }
  }

  /** A tenant's own framework version, with the hints its definition carries. */
  withDefinition(definition: FrameworkDefinition): EvidenceHints {
    this.index(definition);
    return this;
  }

  /** `ancestry`: the item's id and its ancestors' ids, the item first. */
  typesFor(frameworkId: string, version: string, ancestry: string[]): HintedType[] {
    const found = new Map<string, HintedType>();
    const seen = new Set<string>();
    let frontier = ancestry.map((nodeId) => ({ place: { frameworkId, version, nodeId }, via: [] as HintedType['via'] }));
    for (let hop = 0; hop <= MAX_CROSSWALK_HOPS && frontier.length; hop++) {
      const next: typeof frontier = [];
      for (const { place, via } of frontier) {
        const key = keyOf(place);
        if (seen.has(key)) continue;
        seen.add(key);
        for (const typeId of this.hints.get(key) ?? []) if (!found.has(typeId)) found.set(typeId, { typeId, via });
        for (const other of this.edges.get(key) ?? []) next.push({ place: other, via: [...via, { frameworkId: other.frameworkId, nodeId: other.nodeId }] });
      }
      frontier = next;
    }
    return [...found.values()];
  }

  private index(definition: FrameworkDefinition): void {
    for (const { node } of walkNodes(definition.nodes)) {
      if (node.evidenceHints?.length) this.hints.set(keyOf({ frameworkId: definition.id, version: definition.version, nodeId: node.id }), node.evidenceHints);
    }
  }

  private connect(a: Place, b: Place): void {
    const key = keyOf(a);
    this.edges.set(key, [...(this.edges.get(key) ?? []), b]);
  }
}
