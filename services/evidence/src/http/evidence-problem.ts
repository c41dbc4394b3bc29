import { HttpStatus } from '@nestjs/common';
import { ProblemError } from '@assay/service-kit';
import { EvidenceErrorCode, EvidenceRuleError } from '../domain/evidence.errors';

const STATUS: Record<EvidenceErrorCode, [HttpStatus, string]> = {
  'not-found': [HttpStatus.NOT_FOUND, 'Resource not found'],
  'already-exists': [HttpStatus.CONFLICT, 'Evidence already exists'],
  'invalid-metadata': [HttpStatus.UNPROCESSABLE_ENTITY, 'Metadata does not fit the evidence type'],
  'type-mismatch': [HttpStatus.UNPROCESSABLE_ENTITY, 'A revision keeps the evidence type'],
  'not-current-revision': [HttpStatus.CONFLICT, 'Not the current revision'],
  'four-eyes': [HttpStatus.FORBIDDEN, 'Another reviewer must decide'],
  'reason-required': [HttpStatus.UNPROCESSABLE_ENTITY, 'Reason required'],
  'already-reviewed': [HttpStatus.CONFLICT, 'Revision already rejected'],
  'not-linked': [HttpStatus.NOT_FOUND, 'No such link'],
  expired: [HttpStatus.CONFLICT, 'Evidence expired'],
};

/** Evidence rule errors become problem+json (metadata problems field by field); anything else passes through. */
export function asProblem(error: unknown): unknown {
  if (!(error instanceof EvidenceRuleError)) return error;
  const [status, title] = STATUS[error.code];
  const errors = error.problems.map((p) => ({ pointer: `#/metadata/${p.field}`, detail: p.message }));
  return new ProblemError(status, error.code, title, error.message, errors.length ? { errors } : {});
}

/** Runs a command and turns its rule errors into problems. */
export async function orProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asProblem(error);
  }
}
