export type EvidenceErrorCode =
  | 'not-found'
  | 'already-exists'
  | 'invalid-metadata'
  | 'type-mismatch'
  | 'not-current-revision'
  | 'four-eyes'
  | 'reason-required'
  | 'already-reviewed'
  | 'not-linked'
  | 'expired';

/** A rule of the Evidence aggregate said no. The HTTP layer maps the code to a problem type. */
export class EvidenceRuleError extends Error {
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
    /** Field-level problems (invalid metadata), for the problem's `errors` member. */
    readonly problems: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'EvidenceRuleError';
  }
}
