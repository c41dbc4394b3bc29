import { loadAggregate } from '@assay/event-store';
import { Queryable } from '@assay/postgres';
import { aiSystemDecider, aiSystemStreamId } from '../domain/ai-system';
import { assessmentDecider } from '../domain/assessment.decider';
import { AssessmentRuleError } from '../domain/assessment.errors';
import { AssessmentScope } from '../domain/assessment.events';
import { Assessment } from '../domain/assessment.state';
import { ASSESSMENT_SCHEMA } from './assessment-schema';
import { assessmentStore, assessmentStreamId } from './assessment-store';

/** What an assessment of this system targets: the system and its profile as they stand now. */
export async function systemScope(client: Queryable, tenantId: string, systemId: string): Promise<AssessmentScope> {
  const { state } = await loadAggregate(assessmentStore, client, aiSystemDecider, tenantId, aiSystemStreamId(systemId));
  if (state.status !== 'registered') throw new AssessmentRuleError('not-found', `AI system ${systemId} does not exist`);
  if (state.archived) throw new AssessmentRuleError('invalid-basis', `AI system ${systemId} is archived; assess a system in the inventory`);
  return { kind: 'system', systemId, systemVersion: state.version, profile: { ...state.profile } };
}

export async function existingAssessment(client: Queryable, tenantId: string, assessmentId: string): Promise<Assessment> {
  const { state } = await loadAggregate(assessmentStore, client, assessmentDecider, tenantId, assessmentStreamId(assessmentId));
  if (state.status === 'not-started') throw new AssessmentRuleError('not-found', `assessment ${assessmentId} does not exist`);
  return state;
}

/** The most recently started approved assessment of the same framework version and scope. */
export async function lastApproved(client: Queryable, tenantId: string, frameworkId: string, frameworkVersion: string, systemId: string | undefined): Promise<Assessment> {
  const { rows } = await client.query<{ assessment_id: string }>(
    `SELECT assessment_id FROM ${ASSESSMENT_SCHEMA}.assessment_summaries
     WHERE status = 'approved' AND framework_id = $1 AND framework_version = $2 AND system_id IS NOT DISTINCT FROM $3::uuid
     ORDER BY started_at DESC, assessment_id DESC LIMIT 1`,
    [frameworkId, frameworkVersion, systemId ?? null],
  );
  if (!rows[0]) {
    throw new AssessmentRuleError('invalid-basis', `no approved assessment of ${frameworkId} ${frameworkVersion} for ${systemId ? `AI system ${systemId}` : 'the programme'} to re-assess from`);
  }
  return existingAssessment(client, tenantId, rows[0].assessment_id);
}
