import { ScoringInputError } from './scoring-error';

/**
 * Staged capability-maturity levels 1 (initial) … 5 (optimising), as CSA AISMM places each
 * category. Level 1 needs nothing; a higher level counts only when it and every level below it
 * hold, so a gap at level 3 caps the category at 2 whatever holds above.
 */
export const CMM_STAGED = { id: 'cmm-staged', version: '1.0.0' } as const;
export const CMM_MIN_LEVEL = 1;
export const CMM_MAX_LEVEL = 5;

/** `holds[i]` says whether the criteria of level i + 2 (levels 2–5) are met. */
export function cmmStagedLevel(holds: readonly boolean[], category = 'category'): number {
  if (holds.length > CMM_MAX_LEVEL - 1) {
    throw new ScoringInputError(category, `levels 2–5 take at most 4 answers; got ${holds.length}`);
  }
  let level = CMM_MIN_LEVEL;
  for (const held of holds) {
    if (!held) break;
    level++;
  }
  return level;
}
