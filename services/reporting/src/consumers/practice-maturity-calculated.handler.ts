import { IntegrationEnvelope, PracticeMaturityCalculatedV1 } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { REPORTING_SCHEMA } from '../infrastructure/reporting-schema';

/**
 * Projects a score event onto the scorecard read model. The inbox row written by the consumer in
 * the same transaction makes the increment of score_events_applied happen once per event.
 */
export const onPracticeMaturityCalculated: IntegrationHandler = async (envelope, client) => {
  const { tenantId } = envelope;
  const d = (envelope as IntegrationEnvelope<string, PracticeMaturityCalculatedV1>).data;
  await client.query(
    `INSERT INTO ${REPORTING_SCHEMA}.practice_scores AS p (tenant_id, assessment_id, practice_id, maturity, calculated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, assessment_id, practice_id) DO UPDATE
       SET maturity = excluded.maturity, calculated_at = excluded.calculated_at
       WHERE p.calculated_at <= excluded.calculated_at`,
    [tenantId, d.assessmentId, d.practiceId, d.maturity, d.calculatedAt],
  );
  await client.query(
    `INSERT INTO ${REPORTING_SCHEMA}.scorecards AS s (tenant_id, assessment_id, framework_id, framework_version,
       scoring_model_id, scoring_model_version, answered_questions, answers_applied, score_events_applied, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9)
     ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET
       score_events_applied = s.score_events_applied + 1,
       answered_questions = CASE WHEN excluded.answers_applied > s.answers_applied THEN excluded.answered_questions ELSE s.answered_questions END,
       answers_applied = greatest(s.answers_applied, excluded.answers_applied),
       scoring_model_id = excluded.scoring_model_id,
       scoring_model_version = excluded.scoring_model_version,
       updated_at = greatest(s.updated_at, excluded.updated_at)`,
    [tenantId, d.assessmentId, d.frameworkId, d.frameworkVersion, d.scoringModelId, d.scoringModelVersion, d.answeredQuestions, d.answersApplied, d.calculatedAt],
  );
};
