import { ScoringInputError } from './scoring-error';

/**
 * OWASP SAMM 2.0: each stream has one question per maturity level 1–3, answered
 * No 0 / Yes-some 0.25 / Yes-at-least-half 0.5 / Yes-most-or-all 1. Stream = sum of its level
 * answers (0–3); practice = mean of its two streams; business function = mean of its practices;
 * overall = mean of the functions. Unanswered counts as 0.
 */
export const SAMM_2 = { id: 'owasp-samm', version: '2.0.0' } as const;
export const SAMM_ANSWERS = [0, 0.25, 0.5, 1] as const;

export type SammStream = readonly (number | null)[];
export interface SammPractice {
  id: string;
  streams: readonly [SammStream, SammStream];
}
export interface SammFunction {
  id: string;
  practices: readonly SammPractice[];
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

export function sammStreamScore(answers: SammStream, stream = 'stream'): number {
  if (answers.length > 3) throw new ScoringInputError(stream, `has 3 levels; got ${answers.length} answers`);
  return answers.reduce<number>((sum, value, i) => {
    if (value === null) return sum;
    if (!(SAMM_ANSWERS as readonly number[]).includes(value)) {
      throw new ScoringInputError(`${stream} level ${i + 1}`, `must be one of ${SAMM_ANSWERS.join(', ')}; got ${String(value)}`);
    }
    return sum + value;
  }, 0);
}

export function sammPracticeScore(practice: SammPractice): number {
  return mean(practice.streams.map((s, i) => sammStreamScore(s, `${practice.id} stream ${'AB'[i]}`)));
}

export interface SammScores {
  functions: Record<string, number>;
  practices: Record<string, number>;
  overall: number;
}

export function sammScores(functions: readonly SammFunction[]): SammScores {
  const practices: Record<string, number> = {};
  const functionScores: Record<string, number> = {};
  for (const fn of functions) {
    const scores = fn.practices.map((p) => (practices[p.id] = sammPracticeScore(p)));
    functionScores[fn.id] = mean(scores);
  }
  return { functions: functionScores, practices, overall: mean(Object.values(functionScores)) };
}
