import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { loadAggregate } from '@assay/event-store';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { AIMA_TOOLKIT } from '@assay/scoring-models';
import { scorecardDecider } from '../../domain/scorecard.decider';
import { scorecardStreamId, scoringStore } from '../../infrastructure/scoring-store';
import { AssessmentScores, GetAssessmentScoresQuery } from './get-assessment-scores.query';

@QueryHandler(GetAssessmentScoresQuery)
export class GetAssessmentScoresHandler implements IQueryHandler<GetAssessmentScoresQuery, AssessmentScores> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, assessmentId }: GetAssessmentScoresQuery): Promise<AssessmentScores> {
    const { state, version, events } = await withTenantTransaction(this.pool, tenantId, (client) =>
      loadAggregate(scoringStore, client, scorecardDecider, tenantId, scorecardStreamId(assessmentId)),
    );
    if (version === 0) throw new NotFoundProblem(`scores of assessment ${assessmentId}`);
    const last = events[events.length - 1].data;
    return {
      assessmentId,
      frameworkId: last.frameworkId,
      frameworkVersion: last.frameworkVersion,
      scoringModelId: AIMA_TOOLKIT.id,
      scoringModelVersion: AIMA_TOOLKIT.version,
      answersApplied: state.answersApplied,
      practices: Object.entries(state.practices)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([practiceId, maturity]) => ({ practiceId, maturity })),
    };
  }
}
