import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { loadAggregate } from '@assay/event-store';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { assessmentDecider } from '../../domain/assessment.decider';
import { assessmentStore, assessmentStreamId } from '../../infrastructure/assessment-store';
import { AssessmentView, GetAssessmentQuery } from './get-assessment.query';

/** Folds the assessment's own stream: one small stream per assessment, always current. */
@QueryHandler(GetAssessmentQuery)
export class GetAssessmentHandler implements IQueryHandler<GetAssessmentQuery, AssessmentView> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, assessmentId }: GetAssessmentQuery): Promise<AssessmentView> {
    const { state, version } = await withTenantTransaction(this.pool, tenantId, (client) =>
      loadAggregate(assessmentStore, client, assessmentDecider, tenantId, assessmentStreamId(assessmentId)),
    );
    // Row-level security hides other tenants' streams, so theirs answer 404 exactly like a missing one.
    if (state.status !== 'in-progress') throw new NotFoundProblem(`assessment ${assessmentId}`);
    const answers = Object.entries(state.answers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([questionId, value]) => ({ questionId, value }));
    return {
      id: state.assessmentId,
      frameworkId: state.frameworkId,
      frameworkVersion: state.frameworkVersion,
      title: state.title,
      status: state.status,
      startedAt: state.startedAt,
      answeredCount: answers.filter((a) => a.value !== null).length,
      answers,
      version,
    };
  }
}
