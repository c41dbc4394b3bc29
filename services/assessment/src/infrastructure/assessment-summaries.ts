import { InlineProjection } from '@assay/event-store';
import { Queryable } from '@assay/postgres';
import { AssessmentState } from '../domain/assessment.state';
import { ASSESSMENT_SCHEMA } from './assessment-schema';

const listed = (s: AssessmentState) =>
  s.status === 'not-started'
    ? ''
    : JSON.stringify([s.status, s.title, s.frameworkId, s.frameworkVersion, s.scope.kind === 'system' ? s.scope.systemId : null, s.revision, s.basedOn?.assessmentId ?? null]);

/** The listing row of an assessment, kept with its events (see InlineProjection). */
export const assessmentSummaries: InlineProjection<AssessmentState> = {
  affects: (before, after) => listed(before) !== listed(after),
  async apply(client: Queryable, tenantId: string, s: AssessmentState): Promise<void> {
    if (s.status === 'not-started') return;
    await client.query({
      name: 'project-assessment-summary',
      text: `INSERT INTO ${ASSESSMENT_SCHEMA}.assessment_summaries AS a (tenant_id, assessment_id, stream_id, framework_id, framework_version, title, status, scope_kind, system_id, revision, based_on, started_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET title = excluded.title, status = excluded.status, system_id = excluded.system_id`,
      values: [
        tenantId, s.assessmentId, `assessment-${s.assessmentId}`, s.frameworkId, s.frameworkVersion, s.title, s.status, s.scope.kind,
        s.scope.kind === 'system' ? s.scope.systemId : null, s.revision, s.basedOn?.assessmentId ?? null, s.startedAt,
      ],
    });
  },
};
