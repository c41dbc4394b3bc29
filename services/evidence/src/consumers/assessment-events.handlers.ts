import { AnswerRecordedV1, AnswerRecordedV2, AssessmentStartedV1, FrameworkImportedV1, IntegrationEnvelope } from '@assay/contracts';
import { learnFramework } from '@assay/learned-frameworks';
import { IntegrationHandler } from '@assay/messaging';
import { EVIDENCE_SCHEMA } from '../infrastructure/evidence-schema';

/**
 * What evidence needs from the assessment service, learned from its events: which assessments
 * exist and in which framework (a link must name a real item), and their latest answers
 * (suggestions for unanswered and weak items). Each runs in the consumer's tenant transaction.
 */
export const onAssessmentStarted: IntegrationHandler = async (envelope, client) => {
  const { assessmentId, frameworkId, frameworkVersion, startedAt } = (envelope as IntegrationEnvelope<string, AssessmentStartedV1>).data;
  await client.query(
    `INSERT INTO ${EVIDENCE_SCHEMA}.known_assessments (tenant_id, assessment_id, framework_id, framework_version, started_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [envelope.tenantId, assessmentId, frameworkId, frameworkVersion, startedAt],
  );
};

/** v1 and v2 carry the same item id and value; a later answer replaces an earlier one (a tenant's events arrive in order). */
export const onAnswerRecorded: IntegrationHandler = async (envelope, client) => {
  const { assessmentId, questionId, value, recordedAt } = (envelope as IntegrationEnvelope<string, AnswerRecordedV1 | AnswerRecordedV2>).data;
  await client.query(
    `INSERT INTO ${EVIDENCE_SCHEMA}.known_answers (tenant_id, assessment_id, node_id, value, recorded_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, assessment_id, node_id) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at`,
    [envelope.tenantId, assessmentId, questionId, JSON.stringify(value), recordedAt],
  );
};

export const onFrameworkImported: IntegrationHandler = async (envelope, client) => {
  const { definition, importedAt } = (envelope as IntegrationEnvelope<string, FrameworkImportedV1>).data;
  await learnFramework(client, envelope.tenantId, definition, importedAt, EVIDENCE_SCHEMA);
};
