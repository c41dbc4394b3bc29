export type AssessmentErrorCode = 'not-found' | 'already-started' | 'unsupported-framework' | 'unknown-question' | 'invalid-answer' | 'already-published';

/** A rule of the Assessment aggregate said no. The HTTP layer maps the code to a problem type. */
export class AssessmentRuleError extends Error {
  constructor(
    readonly code: AssessmentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AssessmentRuleError';
  }
}
