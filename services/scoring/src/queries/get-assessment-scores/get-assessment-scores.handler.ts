import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { loadAggregate } from '@assay/event-store';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { scorecardDecider } from '../../domain/scorecard.decider';
import { ScoresCalculated } from '../../domain/scorecard.events';
import { scorecardStreamId, scoringStore } from '../../infrastructure/scoring-store';
import { AssessmentScores, GetAssessmentScoresQuery } from './get-assessment-scores.query';

/** The assessment's current figures per node, folded from its scorecard stream. */
@QueryHandler(GetAssessmentScoresQuery)
export class GetAssessmentScoresHandler implements IQueryHandler<GetAssessmentScoresQuery, AssessmentScores> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, assessmentId }: GetAssessmentScoresQuery): Promise<AssessmentScores> {
    const { state, events } = await withTenantTransaction(this.pool, tenantId, (client) =>
      loadAggregate(scoringStore, client, scorecardDecider, tenantId, scorecardStreamId(assessmentId)),
    );
    const last = [...events].reverse().find((e) => e.type === 'ScoresCalculated') as ScoresCalculated | undefined;
    if (!last) throw new NotFoundProblem(`scores of assessment ${assessmentId}`);
    return {
      assessmentId,
      frameworkId: last.data.frameworkId,
      frameworkVersion: last.data.frameworkVersion,
      scoringModelId: last.data.scoringModelId,
      scoringModelVersion: last.data.scoringModelVersion,
      answersApplied: state.answersApplied,
      overall: last.data.overall,
      nodes: Object.entries(state.published)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([nodeId, figure]) => ({ nodeId, ...figure })),
    };
  }
}
