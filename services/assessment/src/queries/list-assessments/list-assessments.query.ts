import { HttpStatus, Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { APP_POOL, ProblemError, decodeCursor, encodeCursor, pageLimit } from '@assay/service-kit';
import { isUuid, withTenantTransaction } from '@assay/tenancy';
import type { components } from '@assay/api-types/assessment';
import { ASSESSMENT_SCHEMA } from '../../infrastructure/assessment-schema';

type AssessmentPage = components['schemas']['AssessmentPage'];
export type AssessmentFilters = { status?: string; frameworkId?: string; systemId?: string; updatedSince?: string; limit?: string; cursor?: string };

const STATUSES = ['draft', 'in-progress', 'submitted', 'in-review', 'approved', 'returned'];

export class ListAssessmentsQuery {
  constructor(readonly tenantId: string, readonly filters: AssessmentFilters) {}
}

const invalid = (detail: string) => new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid filter', detail);

/**
 * Newest first, keyset-paginated on (started_at, id). The listing row holds what the filters read
 * except when each assessment last changed and its version: those come from its stream (the last
 * event), so answering never has to touch the listing.
 */
@QueryHandler(ListAssessmentsQuery)
export class ListAssessmentsHandler implements IQueryHandler<ListAssessmentsQuery, AssessmentPage> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, filters }: ListAssessmentsQuery): Promise<AssessmentPage> {
    const { status, frameworkId, systemId, updatedSince } = filters;
    if (status !== undefined && !STATUSES.includes(status)) throw invalid(`status must be one of ${STATUSES.join(', ')}`);
    if (systemId !== undefined && !isUuid(systemId)) throw invalid('systemId must be a UUID');
    if (updatedSince !== undefined && Number.isNaN(Date.parse(updatedSince))) throw invalid('updatedSince must be an RFC 3339 date-time');
    const limit = pageLimit(filters.limit);
    const after = decodeCursor(filters.cursor, 2);
    const { rows } = await withTenantTransaction(this.pool, tenantId, (client) =>
      client.query(
        `SELECT a.*, st.version, last.occurred_at AS updated_at
         FROM ${ASSESSMENT_SCHEMA}.assessment_summaries a
         JOIN ${ASSESSMENT_SCHEMA}.streams st ON st.tenant_id = a.tenant_id AND st.stream_id = a.stream_id
         JOIN ${ASSESSMENT_SCHEMA}.events last ON last.tenant_id = a.tenant_id AND last.stream_id = a.stream_id AND last.stream_version = st.version
         WHERE ($1::text IS NULL OR a.status = $1)
           AND ($2::text IS NULL OR a.framework_id = $2)
           AND ($3::uuid IS NULL OR a.system_id = $3)
           AND ($4::timestamptz IS NULL OR last.occurred_at >= $4)
           AND ($5::timestamptz IS NULL OR (a.started_at, a.assessment_id) < ($5::timestamptz, $6::uuid))
         ORDER BY a.started_at DESC, a.assessment_id DESC
         LIMIT $7`,
        [status ?? null, frameworkId ?? null, systemId ?? null, updatedSince ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      ),
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.assessment_id,
        title: r.title,
        frameworkId: r.framework_id,
        frameworkVersion: r.framework_version,
        status: r.status,
        scope: r.system_id ? { kind: 'system' as const, systemId: r.system_id } : { kind: 'programme' as const },
        revision: r.revision,
        ...(r.based_on ? { basedOn: r.based_on } : {}),
        startedAt: r.started_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
        version: r.version,
      })),
      ...(rows.length > limit && last ? { nextCursor: encodeCursor([last.started_at.toISOString(), last.assessment_id]) } : {}),
    };
  }
}
