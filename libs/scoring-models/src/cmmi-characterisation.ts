import { ScoringInputError } from './scoring-error';

/**
 * CMMI-style appraisal: each practice is characterised fully / largely / partially / not
 * implemented, or not yet (not appraised). A practice area reaches capability level L when every
 * practice at a practice-group level ≤ L is largely or fully implemented; level 0 otherwise.
 */
export const CMMI_CHARACTERISATION = { id: 'cmmi-characterisation', version: '1.0.0' } as const;
export const CHARACTERISATIONS = ['fully', 'largely', 'partially', 'not', 'not-yet'] as const;
export type Characterisation = (typeof CHARACTERISATIONS)[number];

export interface CharacterisedPractice {
  id: string;
  /** Practice-group level, 1–5. */
  level: number;
  characterisation: Characterisation;
}

const meets = (c: Characterisation) => c === 'fully' || c === 'largely';

export function cmmiCapabilityLevel(practices: readonly CharacterisedPractice[]): number {
  for (const p of practices) {
    if (!Number.isInteger(p.level) || p.level < 1 || p.level > 5) throw new ScoringInputError(p.id, `level must be 1–5; got ${p.level}`);
    if (!CHARACTERISATIONS.includes(p.characterisation)) {
      throw new ScoringInputError(p.id, `characterisation must be one of ${CHARACTERISATIONS.join(', ')}; got ${String(p.characterisation)}`);
    }
  }
  let capability = 0;
  for (let level = 1; level <= 5; level++) {
    const atLevel = practices.filter((p) => p.level === level);
    // A level without practices adds nothing to climb on: the area stops below it.
    if (atLevel.length === 0) break;
    if (!atLevel.every((p) => meets(p.characterisation))) break;
    capability = level;
  }
  return capability;
}
