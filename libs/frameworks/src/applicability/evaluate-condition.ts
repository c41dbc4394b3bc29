import { Condition } from '../definition/framework-definition';

/** An AI system's profile: the facts applicability conditions read (DESIGN.md §2, AI Exchange). */
export type SystemProfile = Readonly<Record<string, boolean | string | undefined>>;

/** Three-valued (Kleene) result: undefined = the profile does not state the deciding fact. */
export type Truth = boolean | undefined;

export function evaluateCondition(condition: Condition | undefined, profile: SystemProfile): Truth {
  if (!condition) return true;
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluateCondition(c, profile));
    return parts.includes(false) ? false : parts.includes(undefined) ? undefined : true;
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluateCondition(c, profile));
    return parts.includes(true) ? true : parts.includes(undefined) ? undefined : false;
  }
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not, profile);
    return inner === undefined ? undefined : !inner;
  }
  const value = profile[condition.field];
  if (value === undefined) return undefined;
  return 'equals' in condition ? value === condition.equals : typeof value === 'string' && condition.in.includes(value);
}

/** A node applies unless the profile's stated facts rule it out: a threat is never dropped on a guess. */
export function applies(condition: Condition | undefined, profile: SystemProfile): boolean {
  return evaluateCondition(condition, profile) !== false;
}
