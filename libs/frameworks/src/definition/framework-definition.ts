// TypeScript mirror of contracts/frameworks/framework-definition.schema.json (the schema is the contract).

export type NodeKind =
  | 'domain' | 'category' | 'capability-area' | 'practice-area' | 'practice' | 'practice-group' | 'stream' | 'level'
  | 'question' | 'control-group' | 'control' | 'threat' | 'checklist-item' | 'evidence-type' | 'usage-scenario';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; equals: boolean | string }
  | { field: string; in: string[] };

export interface FrameworkNode {
  id: string;
  kind: NodeKind;
  name: string;
  text?: string;
  level?: number;
  answerScale?: string;
  weight?: number;
  applicability?: Condition;
  evidenceHints?: string[];
  attributes?: Record<string, string | number | boolean | string[]>;
  children?: FrameworkNode[];
}

export interface AnswerScale {
  id: string;
  kind: 'ordinal' | 'status' | 'characterisation' | 'level';
  unansweredLabel?: string;
  options: { value: number | string; label: string; credit?: number }[];
}

export interface FrameworkDefinition {
  id: string;
  version: string;
  name: string;
  publisher: string;
  description?: string;
  licence: { spdx: string; attribution: string; textOrigin: 'assay-authored' | 'publisher' | 'licensee-import'; url?: string };
  scoringModel: { id: string; version: string };
  levels?: { level: number; name: string; description?: string }[];
  answerScales: AnswerScale[];
  profileFields?: { field: string; type: 'boolean' | 'string'; values?: string[]; description?: string }[];
  nodes: FrameworkNode[];
}

export type OlirRelationship = 'equal' | 'subset-of' | 'superset-of' | 'intersects-with' | 'not-related';

export interface CrosswalkMapping {
  from: string;
  to: string;
  relationship: OlirRelationship;
  strength: number;
  rationale: string;
}

export interface Crosswalk {
  id: string;
  version: string;
  description?: string;
  source: { frameworkId: string; version: string };
  target: { frameworkId: string; version: string };
  mappings: CrosswalkMapping[];
}

/** Every node of a definition, depth first, with its parent's id. */
export function* walkNodes(nodes: FrameworkNode[], parentId?: string): Generator<{ node: FrameworkNode; parentId?: string }> {
  for (const node of nodes) {
    yield { node, parentId };
    if (node.children) yield* walkNodes(node.children, node.id);
  }
}

export function countByKind(definition: FrameworkDefinition): Partial<Record<NodeKind, number>> {
  const counts: Partial<Record<NodeKind, number>> = {};
  for (const { node } of walkNodes(definition.nodes)) counts[node.kind] = (counts[node.kind] ?? 0) + 1;
  return counts;
}

export function findNode(definition: FrameworkDefinition, id: string): FrameworkNode | undefined {
  for (const { node } of walkNodes(definition.nodes)) if (node.id === id) return node;
  return undefined;
}
