export type AssessmentErrorCode =
  | 'not-found'
  | 'already-started'
  | 'unsupported-framework'
  | 'unknown-question'
  | 'unknown-node'
  | 'invalid-answer'
  | 'already-published'
  | 'format-mismatch'
  | 'illegal-transition'
  | 'assessment-locked'
  | 'four-eyes'
  | 'unconfirmed-answers'
  | 'comments-required'
  | 'invalid-target'
  | 'invalid-risk-acceptance'
  | 'invalid-basis'
  | 'not-a-system-assessment';

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

/**
 * The assessment pins a framework version the command's lookup does not hold (a tenant import
 * made through another process). Not a rule: the caller loads the version and runs the command again.
 */
export class FrameworkNotLoaded extends Error {
  constructor(
    readonly frameworkId: string,
    readonly frameworkVersion: string,
  ) {
    super(`framework ${frameworkId} ${frameworkVersion} is not loaded`);
    this.name = 'FrameworkNotLoaded';
  }
}
