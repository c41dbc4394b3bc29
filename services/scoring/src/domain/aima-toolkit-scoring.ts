/**
 * The OWASP AIMA toolkit workbook's scoring: each question is answered 0–3 ("To evaluate" counts
 * as 0) and a practice's maturity is SUM(its six answers) / 6, a value from 0 to 3.
 */
export const AIMA_TOOLKIT_MODEL = { id: 'owasp-aima-toolkit', version: '1.0.0' } as const;

export const QUESTIONS_PER_PRACTICE = 6;

export class AnswerOutOfScaleError extends RangeError {
  constructor(readonly value: unknown) {
    super(`AIMA toolkit answers are integers 0–3 or unanswered; got ${String(value)}`);
    this.name = 'AnswerOutOfScaleError';
  }
}

/** `answers` holds the practice's answered questions; missing or null ones count as 0. */
export function aimaPracticeMaturity(answers: readonly (number | null)[]): number {
  if (answers.length > QUESTIONS_PER_PRACTICE) {
    throw new RangeError(`a practice has ${QUESTIONS_PER_PRACTICE} questions; got ${answers.length} answers`);
  }
  let sum = 0;
  for (const value of answers) {
    if (value === null) continue;
    if (!Number.isInteger(value) || value < 0 || value > 3) throw new AnswerOutOfScaleError(value);
    sum += value;
  }
  return sum / QUESTIONS_PER_PRACTICE;
}
