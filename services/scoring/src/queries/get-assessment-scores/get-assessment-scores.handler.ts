import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { foldEvents } from '@assay/event-store';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { AIMA_TOOLKIT } from '@assay/scoring-models';
import { scorecardDecider } from '../../domain/scorecard.decider';
import { ScorecardEvent } from '../../domain/scorecard.events';
import { scorecardStreamId, scoringStore } from '../../infrastructure/scoring-store';
import { AssessmentScores, GetAssessmentScoresQuery } from './get-assessment-scores.query';

@QueryHandler(GetAssessmentScoresQuery)
export class GetAssessmentScoresHandler implements IQueryHandler<GetAssessmentScoresQuery, AssessmentScores> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, assessmentId }: GetAssessmentScoresQuery): Promise<AssessmentScores> {
    const events = await withTenantTransaction(this.pool, tenantId, (client) =>
      scoringStore.readStream(client, tenantId, scorecardStreamId(assessmentId)),
    );
    if (events.length === 0) throw new NotFoundProblem(`scores of assessment ${assessmentId}`);
    const state = foldEvents(scorecardDecider, events.map((e) => ({ type: e.type, data: e.data }) as ScorecardEvent));
    const last = events[events.length - 1].data as ScorecardEvent['data'];
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
