import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import {
  Crosswalk,
  FrameworkDefinition,
  InvalidDefinitionError,
  KNOWN_SCORING_MODELS,
  EVIDENCE_TYPE_IDS,
  validateCrosswalk,
  validateDefinition,
  walkNodes,
} from '@assay/frameworks';

export type InterchangeFormat = 'json' | 'yaml';

/**
 * Documented import forms (contracts/frameworks/README.md):
 * - a whole definition or crosswalk as JSON or YAML, in the contracts/frameworks schemas;
 * - a licensee's text as CSV `nodeId,name,text` over a shipped structure (AISMM, CMMI AIM), which
 *   becomes a new version whose texts originate with the licensee;
 * - crosswalk mappings as CSV `from,to,relationship,strength,rationale`.
 * Everything is validated before it is accepted; errors name the node (or row) and field.
 */
export function importFramework(text: string, format: InterchangeFormat): FrameworkDefinition {
  return validateDefinition(parseDocument(text, format, 'framework'), { knownScoringModels: [...KNOWN_SCORING_MODELS], evidenceTypes: [...EVIDENCE_TYPE_IDS] });
}

export function importCrosswalk(text: string, format: InterchangeFormat, source?: FrameworkDefinition, target?: FrameworkDefinition): Crosswalk {
  return validateCrosswalk(parseDocument(text, format, 'crosswalk'), source, target);
}

export interface TextOverlay {
  version: string;
  licence: FrameworkDefinition['licence'];
}

/** Applies licensee text (CSV nodeId,name,text) to a structure; unknown node ids are errors. */
export function overlayFrameworkText(base: FrameworkDefinition, csv: string, overlay: TextOverlay): FrameworkDefinition {
  const rows = parseRows(csv, ['nodeId', 'name', 'text'], `text overlay for ${base.id}`);
  const copy: FrameworkDefinition = JSON.parse(JSON.stringify(base));
  const nodes = new Map([...walkNodes(copy.nodes)].map(({ node }) => [node.id, node]));
  const problems = rows.flatMap((row, i) => (nodes.has(row.nodeId) ? [] : [{ field: `row ${i + 2}/nodeId`, message: `${row.nodeId} is not a node of ${base.id} ${base.version}` }]));
  if (problems.length) throw new InvalidDefinitionError(`text overlay for ${base.id}`, problems);
  for (const row of rows) {
    const node = nodes.get(row.nodeId)!;
    if (row.name) node.name = row.name;
    if (row.text) node.text = row.text;
  }
  if (overlay.version === base.version) {
    throw new InvalidDefinitionError(`text overlay for ${base.id}`, [{ field: 'version', message: `version ${base.version} is published and immutable; give the overlay a new version` }]);
  }
  return validateDefinition({ ...copy, version: overlay.version, licence: overlay.licence });
}

/** Crosswalk mappings from CSV, with the crosswalk's identity given beside the file. */
export function importCrosswalkCsv(csv: string, header: Omit<Crosswalk, 'mappings'>, source?: FrameworkDefinition, target?: FrameworkDefinition): Crosswalk {
  const rows = parseRows(csv, ['from', 'to', 'relationship', 'strength', 'rationale'], `crosswalk ${header.id}`);
  const mappings = rows.map((r) => ({ from: r.from, to: r.to, relationship: r.relationship, strength: Number(r.strength), rationale: r.rationale }));
  return validateCrosswalk({ ...header, mappings }, source, target);
}

function parseDocument(text: string, format: InterchangeFormat, what: string): unknown {
  try {
    return format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InvalidDefinitionError(what, [{ field: '/', message: `not valid ${format.toUpperCase()}: ${(error as Error).message}` }]);
  }
}

function parseRows(csv: string, columns: string[], subject: string): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(csv, { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new InvalidDefinitionError(subject, [{ field: '/', message: `not valid CSV: ${(error as Error).message}` }]);
  }
  const header = rows.length ? Object.keys(rows[0]) : [];
  const missing = columns.filter((c) => !header.includes(c) && !(c === 'name' || c === 'text'));
  if (missing.length) throw new InvalidDefinitionError(subject, [{ field: 'header', message: `missing column(s) ${missing.join(', ')}; expected ${columns.join(',')}` }]);
  return rows;
}
