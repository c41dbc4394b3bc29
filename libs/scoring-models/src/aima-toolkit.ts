import { ScoringInputError } from './scoring-error';

/**
 * OWASP AIMA toolkit workbook: answers 0–3, "To evaluate" (null) counts 0,
 * practice maturity = SUM(six answers) / 6.
 */
export const AIMA_TOOLKIT = { id: 'owasp-aima-toolkit', version: '1.0.0' } as const;
export const AIMA_QUESTIONS_PER_PRACTICE = 6;

export function aimaPracticeMaturity(answers: readonly (number | null)[], practice = 'practice'): number {
  if (answers.length > AIMA_QUESTIONS_PER_PRACTICE) {
    throw new ScoringInputError(practice, `has ${AIMA_QUESTIONS_PER_PRACTICE} questions; got ${answers.length} answers`);
  }
  let sum = 0;
  answers.forEach((value, i) => {
    if (value === null) return;
    if (!Number.isInteger(value) || value < 0 || value > 3) {
      throw new ScoringInputError(`${practice} answer ${i + 1}`, `must be an integer 0–3 or unanswered; got ${String(value)}`);
    }
    sum += value;
  });
  return sum / AIMA_QUESTIONS_PER_PRACTICE;
}
