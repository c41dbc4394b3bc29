import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { foldEvents } from '@assay/event-store';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { assessmentDecider } from '../../domain/assessment.decider';
import { AssessmentEvent } from '../../domain/assessment.events';
import { assessmentStore, assessmentStreamId } from '../../infrastructure/assessment-store';
import { AssessmentView, GetAssessmentQuery } from './get-assessment.query';

/** Folds the assessment's own stream: one small stream per assessment, always current. */
@QueryHandler(GetAssessmentQuery)
export class GetAssessmentHandler implements IQueryHandler<GetAssessmentQuery, AssessmentView> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, assessmentId }: GetAssessmentQuery): Promise<AssessmentView> {
    const events = await withTenantTransaction(this.pool, tenantId, (client) =>
      assessmentStore.readStream(client, tenantId, assessmentStreamId(assessmentId)),
    );
    const state = foldEvents(assessmentDecider, events.map((e) => ({ type: e.type, data: e.data }) as AssessmentEvent));
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
      version: events[events.length - 1].streamVersion,
    };
  }
}
