import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { Request, Response } from 'express';
import { Pool } from 'pg';
import { Observable, from, lastValueFrom } from 'rxjs';
import { canonicalJson } from '@assay/domain-kernel';
import { MigrationSource, repoPath } from '@assay/postgres';
import { withTenantTransaction } from '@assay/tenancy';
import { AuthenticatedRequest } from './auth.guard';
import { ProblemError } from './problem-details';
import { APP_POOL, SERVICE_CONFIG } from './tokens';

export const idempotencyMigrations: MigrationSource = { name: 'idempotency', directory: repoPath('libs/service-kit/sql') };

/** How long a key is remembered: a client may retry for a day. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const OPERATION = 'assay:idempotent-operation';
const REPLAYED_HEADERS = ['location', 'etag'];

/**
 * Marks a creating route: with an Idempotency-Key header the same key and body replay the first
 * response (status, body, Location, ETag), the same key with another body is 422
 * idempotency-key-reused, and a key whose first request is still running is 409.
 */
export const Idempotent = (operation: string) => applyDecorators(SetMetadata(OPERATION, operation), UseInterceptors(IdempotencyInterceptor));

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(SERVICE_CONFIG) private readonly config: { schema: string },
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    const operation = this.reflector.get<string>(OPERATION, context.getHandler());
    // The status Nest will send (@HttpCode, else 201 for POST): it is applied after this interceptor.
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    return from(this.run(String(key), operation, status, request, context.switchToHttp().getResponse<Response>(), next));
  }

  private async run(key: string, operation: string, status: number, request: Request & AuthenticatedRequest, response: Response, next: CallHandler): Promise<unknown> {
    if (key.length < 1 || key.length > 128) throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid Idempotency-Key', 'Idempotency-Key must be 1–128 characters');
    const tenantId = request.principal.tenantId;
    // The caller is part of the request: another person's retry with the same key is not a replay.
    const hash = createHash('sha256').update(canonicalJson([request.principal.subject, request.method, request.originalUrl, request.body])).digest('hex');
    const table = `${this.config.schema}.idempotency_keys`;
    const claimed = await withTenantTransaction(this.pool, tenantId, async (client) => {
      // An expired key is forgotten first, so it can be used again; so is a first request that never
      // finished (its process died): no request runs for minutes under the statement timeout.
      await client.query(
        `DELETE FROM ${table} WHERE operation = $1 AND key = $2
           AND (created_at < now() - make_interval(hours => $3) OR (status IS NULL AND created_at < now() - interval '5 minutes'))`,
        [operation, key, IDEMPOTENCY_TTL_HOURS],
      );
      const inserted = await client.query(`INSERT INTO ${table} (tenant_id, key, operation, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [tenantId, key, operation, hash]);
      if (inserted.rowCount === 1) return undefined;
      const { rows } = await client.query<{ request_hash: string; status: number | null; body: unknown; headers: Record<string, string> | null }>(
        `SELECT request_hash, status, body, headers FROM ${table} WHERE operation = $1 AND key = $2`,
        [operation, key],
      );
      return rows[0];
    });
    if (claimed) {
      if (claimed.request_hash !== hash) throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'idempotency-key-reused', 'Idempotency key reused', 'This Idempotency-Key was used for a different request.');
      if (claimed.status === null) throw new ProblemError(HttpStatus.CONFLICT, 'idempotency-key-in-use', 'Request still in progress', 'The first request with this Idempotency-Key has not finished; retry shortly.');
      for (const [name, value] of Object.entries(claimed.headers ?? {})) response.setHeader(name, value);
      response.setHeader('Idempotent-Replayed', 'true');
      response.status(claimed.status);
      return claimed.body;
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle());
    } catch (error) {
      // A refused request leaves nothing behind: the client may fix it and retry with the same key.
      await withTenantTransaction(this.pool, tenantId, (client) => client.query(`DELETE FROM ${table} WHERE operation = $1 AND key = $2 AND status IS NULL`, [operation, key]));
      throw error;
    }
    // The resource exists now: if recording the response fails, the pending row stays (a retry
    // meets 409 until its lease ends) rather than letting a retry create it twice.
    const headers = Object.fromEntries(REPLAYED_HEADERS.filter((h) => response.getHeader(h) !== undefined).map((h) => [h, String(response.getHeader(h))]));
    await withTenantTransaction(this.pool, tenantId, (client) =>
      client.query(`UPDATE ${table} SET status = $1, body = $2, headers = $3 WHERE operation = $4 AND key = $5`, [status, JSON.stringify(body ?? null), JSON.stringify(headers), operation, key]),
    );
    return body;
  }
}
