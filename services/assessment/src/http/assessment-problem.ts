import { HttpStatus } from '@nestjs/common';
import { ProblemError } from '@assay/service-kit';
import { AssessmentErrorCode, AssessmentRuleError } from '../domain/assessment.errors';

const STATUS: Record<AssessmentErrorCode, [HttpStatus, string]> = {
  'not-found': [HttpStatus.NOT_FOUND, 'Resource not found'],
  'already-started': [HttpStatus.CONFLICT, 'Assessment already exists'],
  'unsupported-framework': [HttpStatus.UNPROCESSABLE_ENTITY, 'Framework version not available'],
  'unknown-question': [HttpStatus.UNPROCESSABLE_ENTITY, 'Unknown question'],
  'invalid-answer': [HttpStatus.UNPROCESSABLE_ENTITY, 'Answer outside the scale'],
  'already-published': [HttpStatus.CONFLICT, 'Framework version already published'],
  'format-mismatch': [HttpStatus.UNPROCESSABLE_ENTITY, 'File made for another framework'],
  'unknown-node': [HttpStatus.UNPROCESSABLE_ENTITY, 'Unknown framework node'],
  'illegal-transition': [HttpStatus.CONFLICT, 'Not possible in this status'],
  'assessment-locked': [HttpStatus.CONFLICT, 'Assessment cannot change in this status'],
  'four-eyes': [HttpStatus.FORBIDDEN, 'Another reviewer must decide'],
  'unconfirmed-answers': [HttpStatus.CONFLICT, 'Carried-forward answers to confirm'],
  'comments-required': [HttpStatus.UNPROCESSABLE_ENTITY, 'Comments required'],
  'invalid-target': [HttpStatus.UNPROCESSABLE_ENTITY, 'Target outside the scale'],
  'invalid-risk-acceptance': [HttpStatus.UNPROCESSABLE_ENTITY, 'Risk acceptance incomplete'],
  'invalid-basis': [HttpStatus.UNPROCESSABLE_ENTITY, 'Cannot continue that assessment'],
  'not-a-system-assessment': [HttpStatus.CONFLICT, 'Not an AI system assessment'],
};

/** Domain rule errors become problem+json; anything else passes through to the platform filter. */
export function asProblem(error: unknown): unknown {
  if (!(error instanceof AssessmentRuleError)) return error;
  const [status, title] = STATUS[error.code];
  return new ProblemError(status, error.code === 'already-started' ? 'already-exists' : error.code, title, error.message);
}
