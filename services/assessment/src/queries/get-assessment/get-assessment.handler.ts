import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { loadAggregate } from '@assay/event-store';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { assessmentDecider } from '../../domain/assessment.decider';
import { Assessment } from '../../domain/assessment.state';
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
    if (state.status === 'not-started') throw new NotFoundProblem(`assessment ${assessmentId}`);
    return toAssessmentView(state, version);
  }
}

export function toAssessmentView(s: Assessment, version: number): AssessmentView {
  const excluded = new Set(s.excluded.map((e) => e.nodeId));
  const answers = Object.entries(s.answers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([questionId, value]) => ({
      questionId,
      value,
      ...(s.notes[questionId] ? { note: s.notes[questionId] } : {}),
      toConfirm: s.toConfirm.includes(questionId),
      ...(excluded.has(questionId) ? { excluded: true } : {}),
    }));
  return {
    id: s.assessmentId,
    frameworkId: s.frameworkId,
    frameworkVersion: s.frameworkVersion,
    title: s.title,
    status: s.status,
    revision: s.revision,
    ...(s.basedOn ? { basedOn: s.basedOn } : {}),
    scope: s.scope,
    excluded: s.excluded,
    startedAt: s.startedAt,
    updatedAt: s.updatedAt,
    ...(s.submittedBy ? { submittedBy: s.submittedBy } : {}),
    ...(s.reviewer ? { reviewer: s.reviewer } : {}),
    ...(s.approvedBy ? { approvedBy: s.approvedBy } : {}),
    ...(s.lastReturn ? { lastReturn: s.lastReturn } : {}),
    answeredCount: answers.filter((a) => a.value !== null).length,
    answers,
    toConfirm: s.toConfirm,
    assignees: s.assignees,
    targets: s.targets,
    riskAcceptances: s.riskAcceptances,
    version,
  };
}
