import { HttpStatus } from '@nestjs/common';

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; detail: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://assay.dev/problems/';

/**
 * An error the client can act on. Domain and application code throw these (or subclasses); the
 * filter turns them into problem+json with a stable `type` URI documented in contracts/openapi.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly slug: string,
    readonly title: string,
    detail?: string,
    readonly extensions: Partial<ProblemDetails> = {},
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

export class NotFoundProblem extends ProblemError {
  constructor(what: string) {
    super(HttpStatus.NOT_FOUND, 'not-found', 'Resource not found', `${what} does not exist`);
  }
}
