import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { nodePlaces, shippedFramework } from '@assay/frameworks';
import { Queryable } from '@assay/postgres';
import { REPORTING_SCHEMA } from '../../infrastructure/reporting-schema';
import { GetScorecardQuery, ScorecardView } from './get-scorecard.query';
import { NodeScoreRow, ScorecardRow, toScorecardView } from './scorecard-view';

/**
 * Scorecards written only from v1 score events before node_scores existed: their practice rows,
 * placed in the shipped definition's tree, so they still show (without domain or overall figures).
 */
async function legacyPracticeNodes(client: Queryable, row: ScorecardRow): Promise<NodeScoreRow[]> {
  const definition = shippedFramework(row.framework_id, row.framework_version);
  if (!definition) return [];
  const places = nodePlaces(definition);
  const { rows } = await client.query<{ practice_id: string; maturity: number }>(`SELECT practice_id, maturity FROM ${REPORTING_SCHEMA}.practice_scores WHERE assessment_id = $1`, [row.assessment_id]);
  return rows.flatMap((p) => {
    const place = places.get(p.practice_id);
    if (!place) return [];
    return [{ node_id: p.practice_id, parent_id: place.parentId ?? null, kind: place.kind, name: place.name, position: place.position, score: p.maturity, min: 0, max: 3, answered: 0, items: 0, out_of_scope: false }];
  });
}

@QueryHandler(GetScorecardQuery)
export class GetScorecardHandler implements IQueryHandler<GetScorecardQuery, ScorecardView> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  execute({ tenantId, assessmentId }: GetScorecardQuery): Promise<ScorecardView> {
    return withTenantTransaction(this.pool, tenantId, async (client) => {
      // Row-level security limits both reads to the caller's tenant.
      const card = await client.query<ScorecardRow>(
        assessmentId
          ? `SELECT * FROM ${REPORTING_SCHEMA}.scorecards WHERE assessment_id = $1`
          : `SELECT * FROM ${REPORTING_SCHEMA}.scorecards ORDER BY updated_at DESC, assessment_id LIMIT 1`,
        assessmentId ? [assessmentId] : [],
      );
      const row = card.rows[0];
      if (!row) throw new NotFoundProblem(assessmentId ? `scorecard of assessment ${assessmentId}` : 'a scorecard for this tenant');
      const nodes = await client.query<NodeScoreRow>(
        `SELECT node_id, parent_id, kind, name, position, score, min, max, answered, items, out_of_scope FROM ${REPORTING_SCHEMA}.node_scores WHERE assessment_id = $1`,
        [row.assessment_id],
      );
      return toScorecardView(row, nodes.rows.length ? nodes.rows : await legacyPracticeNodes(client, row));
    });
  }
}
