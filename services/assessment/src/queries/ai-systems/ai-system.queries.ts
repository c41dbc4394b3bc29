import { HttpStatus, Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { loadAggregate } from '@assay/event-store';
import { APP_POOL, NotFoundProblem, ProblemError, decodeCursor, encodeCursor, pageLimit } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import type { components } from '@assay/api-types/assessment';
import { AiSystemWritten, toAiSystemView } from '../../commands/ai-systems/ai-system.handlers';
import { aiSystemDecider, aiSystemStreamId } from '../../domain/ai-system';
import { ASSESSMENT_SCHEMA } from '../../infrastructure/assessment-schema';
import { assessmentStore } from '../../infrastructure/assessment-store';

type AiSystemPage = components['schemas']['AiSystemPage'];

export class GetAiSystemQuery {
  constructor(readonly tenantId: string, readonly systemId: string) {}
}

export class ListAiSystemsQuery {
  constructor(readonly tenantId: string, readonly archived: string | undefined, readonly limit: string | undefined, readonly cursor: string | undefined) {}
}

@QueryHandler(GetAiSystemQuery)
export class GetAiSystemHandler implements IQueryHandler<GetAiSystemQuery, AiSystemWritten> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, systemId }: GetAiSystemQuery): Promise<AiSystemWritten> {
    const { state, version } = await withTenantTransaction(this.pool, tenantId, (client) => loadAggregate(assessmentStore, client, aiSystemDecider, tenantId, aiSystemStreamId(systemId)));
    if (state.status !== 'registered') throw new NotFoundProblem(`AI system ${systemId}`);
    return { system: toAiSystemView(state), streamVersion: version };
  }
}

/** Newest registration first, keyset-paginated on (registered_at, id). */
@QueryHandler(ListAiSystemsQuery)
export class ListAiSystemsHandler implements IQueryHandler<ListAiSystemsQuery, AiSystemPage> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, archived, limit: rawLimit, cursor }: ListAiSystemsQuery): Promise<AiSystemPage> {
    if (archived !== undefined && archived !== 'true' && archived !== 'false') throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid archived', 'archived must be true or false');
    const limit = pageLimit(rawLimit);
    const after = decodeCursor(cursor, 2);
    const { rows } = await withTenantTransaction(this.pool, tenantId, (client) =>
      client.query(
        `SELECT system_id, name, owner, purpose, lifecycle_stage, profile, version, archived, registered_at, updated_at
         FROM ${ASSESSMENT_SCHEMA}.ai_system_summaries
         WHERE ($1::boolean IS NULL OR archived = $1)
           AND ($2::timestamptz IS NULL OR (registered_at, system_id) < ($2::timestamptz, $3::uuid))
         ORDER BY registered_at DESC, system_id DESC
         LIMIT $4`,
        [archived === undefined ? null : archived === 'true', after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      ),
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.system_id, name: r.name, owner: r.owner, purpose: r.purpose, lifecycleStage: r.lifecycle_stage, profile: r.profile, version: r.version, archived: r.archived,
        registeredAt: r.registered_at.toISOString(), updatedAt: r.updated_at.toISOString(),
      })),
      ...(rows.length > limit && last ? { nextCursor: encodeCursor([last.registered_at.toISOString(), last.system_id]) } : {}),
    };
  }
}
