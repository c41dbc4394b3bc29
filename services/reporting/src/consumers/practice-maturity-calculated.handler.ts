import { IntegrationEnvelope, PracticeMaturityCalculatedV1 } from '@assay/contracts';
import { nodePlaces, shippedFramework } from '@assay/frameworks';
import { IntegrationHandler } from '@assay/messaging';

/**
 * v1 (AIMA practices only, from before any framework could be scored). Projects a score event onto the scorecard read model. The inbox row written by the consumer in
 * the same transaction makes the increment of score_events_applied happen once per event.
 *
 * Score events of one assessment can arrive out of order (redelivery after a crash, a replay).
 * The newer one is the one later in the scorecard stream (envelope.streamVersion), never the one
 * with the later calculatedAt: that is the clock of whichever scoring instance ran, and a skewed
 * clock would let an older score win (migration 002).
 */
export function practiceMaturityCalculatedHandler(schema: string): IntegrationHandler {
  return async (envelope, client) => {
    const { tenantId, streamVersion } = envelope;
    const d = (envelope as IntegrationEnvelope<string, PracticeMaturityCalculatedV1>).data;
    // One statement, one round trip: the practice row as a data-modifying CTE, then the scorecard.
    // Every scorecard field below describes the assessment as of one score event, so they move
    // together, and only forward in the stream; the count of events applied moves on every (new) event.
    await client.query({
      name: `project-score-${schema}`,
      text: `WITH practice AS (
         INSERT INTO ${schema}.practice_scores AS p (tenant_id, assessment_id, practice_id, maturity, calculated_at, stream_version)
         VALUES ($1, $2, $11, $12, $9, $10)
         ON CONFLICT (tenant_id, assessment_id, practice_id) DO UPDATE
           SET maturity = excluded.maturity, calculated_at = excluded.calculated_at, stream_version = excluded.stream_version
           WHERE p.stream_version < excluded.stream_version)
       INSERT INTO ${schema}.scorecards AS s (tenant_id, assessment_id, framework_id, framework_version,
         scoring_model_id, scoring_model_version, answered_questions, answers_applied, score_events_applied, updated_at, stream_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10)
       ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET
         score_events_applied = s.score_events_applied + 1,
         answered_questions = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.answered_questions ELSE s.answered_questions END,
         answers_applied = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.answers_applied ELSE s.answers_applied END,
         scoring_model_id = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.scoring_model_id ELSE s.scoring_model_id END,
         scoring_model_version = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.scoring_model_version ELSE s.scoring_model_version END,
         updated_at = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.updated_at ELSE s.updated_at END,
         stream_version = greatest(s.stream_version, excluded.stream_version)`,
      values: [tenantId, d.assessmentId, d.frameworkId, d.frameworkVersion, d.scoringModelId, d.scoringModelVersion, d.answeredQuestions, d.answersApplied, d.calculatedAt, streamVersion, d.practiceId, d.maturity],
    });
    // The practice as a node of the framework's tree, where the scorecard reads every framework's scores.
    const definition = shippedFramework(d.frameworkId, d.frameworkVersion);
    const place = definition && nodePlaces(definition).get(d.practiceId);
    if (!place) return;
    await client.query({
      name: `project-score-v1-node-${schema}`,
      text: `INSERT INTO ${schema}.node_scores AS n (tenant_id, assessment_id, node_id, parent_id, kind, name, position, score, min, max, answered, items, stream_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 3, 0, 0, $9)
         ON CONFLICT (tenant_id, assessment_id, node_id) DO UPDATE SET score = excluded.score, stream_version = excluded.stream_version
           WHERE n.stream_version < excluded.stream_version`,
      values: [tenantId, d.assessmentId, d.practiceId, place.parentId ?? null, place.kind, place.name, place.position, d.maturity, streamVersion],
    });
  };
}

