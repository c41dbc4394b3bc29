import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { REPORTING_SCHEMA } from '../../infrastructure/reporting-schema';
import { GetScorecardQuery, ScorecardView } from './get-scorecard.query';
import { NodeScoreRow, ScorecardRow, toScorecardView } from './scorecard-view';

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
      return toScorecardView(row, nodes.rows);
    });
  }
}
