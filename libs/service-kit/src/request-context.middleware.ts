import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { Logger, PlatformMetrics, runWithLogContext } from '@assay/observability';
import { LOGGER, METRICS } from './tokens';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestContext {
  correlationId: string;
  traceparent: string;
}

/** Event metadata of a command caused by an HTTP request: its correlation id and trace. */
export const metadataOf = (request: RequestContext) => ({ correlationId: request.correlationId, causationId: request.correlationId, traceparent: request.traceparent });

/**
 * Gives every request a correlation id (the caller's X-Correlation-Id if well-formed) and a W3C
 * traceparent, echoes the id back, runs the rest of the request inside that log context, and
 * records the request in the HTTP metrics and one access-log line.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  constructor(
    @Inject(METRICS) private readonly metrics: PlatformMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  use(request: Request & { context?: RequestContext }, response: Response, next: NextFunction): void {
    const given = request.header('x-correlation-id');
    const correlationId = given && CORRELATION_ID.test(given) ? given : randomUUID();
    const incoming = request.header('traceparent');
    const traceparent =
      incoming && TRACEPARENT.test(incoming)
        ? incoming
        : `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    request.context = { correlationId, traceparent };
    response.setHeader('x-correlation-id', correlationId);
    const stop = this.metrics.httpRequests.startTimer({ method: request.method });
    runWithLogContext({ correlationId, traceparent }, (context) => {
      // 'finish' fires outside the async context; the captured object still gains the tenant the
      // auth guard adds to it.
      response.on('finish', () => {
        const seconds = stop({ route: request.route?.path ?? 'unmatched', status: String(response.statusCode) });
        const level = /^\/(health|metrics)/.test(request.path) ? 'debug' : 'info';
        this.logger[level]({ ...context, method: request.method, path: request.path, status: response.statusCode, ms: Math.round(seconds * 1000) }, 'request');
      });
      next();
    });
  }
}
