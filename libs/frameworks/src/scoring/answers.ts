import { AnswerScale, FrameworkDefinition, FrameworkNode, walkNodes } from '../definition/framework-definition';

/** An answer on any framework's scale: a number (0–3, 0/0.25/0.5/1, level 1–5) or a code (FI/LI/…, control status); null = "to evaluate". */
export type AnswerValue = number | string | null;

export type AnswerRejection = { code: 'unknown-question' | 'invalid-answer'; message: string };

/** The nodes a person answers (those with an answer scale), by id, with their scale. */
export function answerableNodes(definition: FrameworkDefinition): Map<string, { node: FrameworkNode; scale: AnswerScale }> {
  const scales = new Map(definition.answerScales.map((s) => [s.id, s]));
  const answerable = new Map<string, { node: FrameworkNode; scale: AnswerScale }>();
  for (const { node } of walkNodes(definition.nodes)) {
    const scale = node.answerScale ? scales.get(node.answerScale) : undefined;
    if (scale) answerable.set(node.id, { node, scale });
  }
  return answerable;
}

const cache = new WeakMap<FrameworkDefinition, ReturnType<typeof answerableNodes>>();
const answerablesOf = (definition: FrameworkDefinition) => {
  let found = cache.get(definition);
  if (!found) cache.set(definition, (found = answerableNodes(definition)));
  return found;
};

/** Why an answer cannot be recorded against this definition, or undefined when it can. */
export function rejectAnswer(definition: FrameworkDefinition, nodeId: string, value: AnswerValue): AnswerRejection | undefined {
  const entry = answerablesOf(definition).get(nodeId);
  if (!entry) return { code: 'unknown-question', message: `${nodeId} is not an answerable item of ${definition.id} ${definition.version}` };
  if (value === null) return undefined;
  if (entry.scale.options.some((o) => o.value === value)) return undefined;
  const allowed = entry.scale.options.map((o) => JSON.stringify(o.value)).join(', ');
  return { code: 'invalid-answer', message: `${nodeId}: answer must be one of ${allowed} or null (scale ${entry.scale.id}); got ${JSON.stringify(value)}` };
}

/** The credit (0–1) an answer earns on its node's scale; undefined when the option carries none (not applicable, risk accepted). */
export function creditOf(definition: FrameworkDefinition, nodeId: string, value: AnswerValue): number | undefined {
  if (value === null) return 0;
  return answerablesOf(definition).get(nodeId)?.scale.options.find((o) => o.value === value)?.credit;
}
