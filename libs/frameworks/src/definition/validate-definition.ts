import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import crosswalkSchema from '@assay/contract-schemas/frameworks/crosswalk.schema.json';
import definitionSchema from '@assay/contract-schemas/frameworks/framework-definition.schema.json';
import { DefinitionProblem, InvalidDefinitionError } from './definition-errors';
import { Condition, Crosswalk, FrameworkDefinition, FrameworkNode, findNode, walkNodes } from './framework-definition';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const schemaCheck = ajv.compile(definitionSchema);
const crosswalkCheck = ajv.compile(crosswalkSchema);

export interface ValidationContext {
  /** Scoring models the platform can run, as "id@version". */
  knownScoringModels?: string[];
  /** Evidence types a hint may name (the evidence catalogue's node ids). */
  evidenceTypes?: string[];
}

/** Validates against the JSON Schema, then the rules a schema cannot say. Throws naming node and field. */
export function validateDefinition(candidate: unknown, context: ValidationContext = {}): FrameworkDefinition {
  if (!schemaCheck(candidate)) throw new InvalidDefinitionError(subjectOf(candidate), locate(candidate, schemaCheck.errors));
  const definition = candidate as unknown as FrameworkDefinition;
  const problems: DefinitionProblem[] = [];
  const scales = new Set(definition.answerScales.map((s) => s.id));
  const fields = new Set((definition.profileFields ?? []).map((f) => f.field));
  const seen = new Set<string>();
  const model = `${definition.scoringModel.id}@${definition.scoringModel.version}`;
  if (context.knownScoringModels && !context.knownScoringModels.includes(model)) {
    problems.push({ field: 'scoringModel', message: `unknown scoring model ${model}` });
  }
  for (const { node } of walkNodes(definition.nodes)) {
    if (seen.has(node.id)) problems.push({ nodeId: node.id, field: 'id', message: 'duplicate node id' });
    seen.add(node.id);
    if (node.answerScale && !scales.has(node.answerScale)) problems.push({ nodeId: node.id, field: 'answerScale', message: `no answer scale ${node.answerScale}` });
    if ((node.kind === 'question' || node.kind === 'control') && !node.answerScale) {
      problems.push({ nodeId: node.id, field: 'answerScale', message: `a ${node.kind} needs an answer scale` });
    }
    for (const field of conditionFields(node.applicability)) {
      if (!fields.has(field)) problems.push({ nodeId: node.id, field: 'applicability', message: `profile field ${field} is not declared` });
    }
    for (const hint of node.evidenceHints ?? []) {
      const local = findNode(definition, hint)?.kind === 'evidence-type';
      if (!local && context.evidenceTypes && !context.evidenceTypes.includes(hint)) {
        problems.push({ nodeId: node.id, field: 'evidenceHints', message: `unknown evidence type ${hint}` });
      }
    }
  }
  if (problems.length) throw new InvalidDefinitionError(subjectOf(candidate), problems);
  return definition;
}

/** A crosswalk must match its schema and name nodes that exist in both framework versions. */
export function validateCrosswalk(candidate: unknown, source?: FrameworkDefinition, target?: FrameworkDefinition): Crosswalk {
  if (!crosswalkCheck(candidate)) throw new InvalidDefinitionError(`crosswalk ${String((candidate as Crosswalk)?.id)}`, describe(crosswalkCheck.errors));
  const crosswalk = candidate as unknown as Crosswalk;
  const problems: DefinitionProblem[] = [];
  crosswalk.mappings.forEach((m, i) => {
    if (source && !findNode(source, m.from)) problems.push({ field: `mappings/${i}/from`, message: `${m.from} is not a node of ${source.id} ${source.version}` });
    if (target && !findNode(target, m.to)) problems.push({ field: `mappings/${i}/to`, message: `${m.to} is not a node of ${target.id} ${target.version}` });
  });
  if (problems.length) throw new InvalidDefinitionError(`crosswalk ${crosswalk.id}`, problems);
  return crosswalk;
}

function conditionFields(condition: Condition | undefined): string[] {
  if (!condition) return [];
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return [condition.field];
}

function subjectOf(candidate: unknown): string {
  const c = candidate as { id?: unknown; version?: unknown };
  return `framework ${String(c?.id ?? '?')} ${String(c?.version ?? '?')}`;
}

function describe(errors: ErrorObject[] | null | undefined): DefinitionProblem[] {
  return (errors ?? []).map((e) => ({ field: e.instancePath || '/', message: e.message ?? 'invalid' }));
}

/** Turns "/nodes/0/children/3/answerScale" into node id + "answerScale", so errors read as the author thinks. */
function locate(candidate: unknown, errors: ErrorObject[] | null | undefined): DefinitionProblem[] {
  // oneOf failures repeat once per branch; the first message per location is the useful one.
  const seen = new Set<string>();
  return (errors ?? [])
    .map((error) => {
      const parts = error.instancePath.split('/').slice(1);
      let cursor: unknown = candidate;
      let nodeId: string | undefined;
      let consumed = 0;
      parts.forEach((part, i) => {
        cursor = (cursor as Record<string, unknown>)?.[part];
        const node = cursor as FrameworkNode | undefined;
        if (node && typeof node === 'object' && typeof node.id === 'string' && 'kind' in node) {
          nodeId = node.id;
          consumed = i + 1;
        }
      });
      const rest = parts.slice(consumed).join('/');
      const detail = error.keyword === 'required' ? `/${(error.params as { missingProperty: string }).missingProperty}` : '';
      return { nodeId, field: (rest || '/') + detail, message: error.message ?? 'invalid' };
    })
    .filter((p) => {
      const key = `${p.nodeId}|${p.field}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
