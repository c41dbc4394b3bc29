import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { Request, Response } from 'express';
import { ConcurrencyError, StreamOrderConflict } from '@assay/event-store';
import { Logger } from '@assay/observability';
import { isDatabaseUnavailable } from '@assay/postgres';
import { InvalidTokenError } from '@assay/tenancy';
import { PROBLEM_BASE, ProblemDetails, ProblemError } from './problem-details';
import { LOGGER } from './tokens';

const RETRY_AFTER_SECONDS = 5;

/** Turns every thrown error into application/problem+json; unknown errors become an opaque 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(error), instance: request.originalUrl };
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn({ err: error }, 'database unavailable');
    } else if (problem.status >= 500) this.logger.error({ err: error }, 'unhandled error');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(error: unknown): ProblemDetails {
    if (error instanceof ProblemError) {
      return { type: PROBLEM_BASE + error.slug, title: error.title, status: error.status, detail: error.message, ...error.extensions };
    }
    if (error instanceof ConcurrencyError || error instanceof StreamOrderConflict) {
      return {
        type: PROBLEM_BASE + 'concurrency-conflict',
        title: 'The resource changed since you read it',
        status: HttpStatus.CONFLICT,
        detail: 'Another change was saved first. Read the resource again and retry.',
        ...(error instanceof ConcurrencyError ? { currentVersion: error.actual ?? 0 } : {}),
      };
    }
    if (isDatabaseUnavailable(error)) {
      // An outage is not the client's fault and nothing was stored: say so, and when to retry.
      return {
        type: PROBLEM_BASE + 'service-unavailable',
        title: 'Temporarily unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: 'The service cannot reach its database right now, so the request may not have been saved. Retry shortly.',
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      };
    }
    if (error instanceof InvalidTokenError) {
      return { type: PROBLEM_BASE + 'unauthenticated', title: 'Authentication required', status: 401, detail: error.message };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      // Body-parser errors (malformed JSON, payload too large) arrive as HttpExceptions too.
      return { type: PROBLEM_BASE + slugFor(status), title: error.message, status, detail: error.message };
    }
    if (isBodyParserError(error)) {
      return { type: PROBLEM_BASE + slugFor(error.status), title: 'Request body rejected', status: error.status, detail: error.message };
    }
    return { type: PROBLEM_BASE + 'internal', title: 'Internal error', status: HttpStatus.INTERNAL_SERVER_ERROR };
  }
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  const e = error as { status?: unknown; type?: unknown };
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string';
}

function slugFor(status: number): string {
  const slugs: Record<number, string> = {
    400: 'bad-request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not-found',
    409: 'conflict',
    413: 'payload-too-large',
    415: 'unsupported-media-type',
    422: 'unprocessable',
  };
  return slugs[status] ?? 'http-' + status;
}
