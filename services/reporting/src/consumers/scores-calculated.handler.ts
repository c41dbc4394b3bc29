import { IntegrationEnvelope, PracticeMaturityCalculatedV2 } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';

/**
 * v2: any framework's scores. Each named node's row and the scorecard move only forward in the
 * assessment's scorecard stream (envelope.streamVersion), per node, so events arriving out of order
 * (redelivery, replay) never let an older figure win; the count of events applied moves on every
 * (new) event, which the inbox row in the same transaction makes happen once.
 */
export function scoresCalculatedHandler(schema: string): IntegrationHandler {
  return async (envelope, client) => {
    const { tenantId, streamVersion } = envelope;
    const d = (envelope as IntegrationEnvelope<string, PracticeMaturityCalculatedV2>).data;
    const o = d.overall;
    // One statement, one round trip: the node rows as a data-modifying CTE, then the scorecard.
    await client.query({
      name: `project-scores-v2-${schema}`,
      text: `WITH nodes AS (
         INSERT INTO ${schema}.node_scores AS n (tenant_id, assessment_id, node_id, parent_id, kind, name, position, score, min, max, answered, items, out_of_scope, stream_version)
         SELECT $1, $2, x."nodeId", x."parentId", x.kind, x.name, x.position, x.score, x.min, x.max, x.answered, x.items, coalesce(x."outOfScope", false), $10
         FROM jsonb_to_recordset($11::jsonb) AS x("nodeId" text, "parentId" text, kind text, name text, position integer,
              score double precision, min double precision, max double precision, answered integer, items integer, "outOfScope" boolean)
         ON CONFLICT (tenant_id, assessment_id, node_id) DO UPDATE
           SET parent_id = excluded.parent_id, kind = excluded.kind, name = excluded.name, position = excluded.position, score = excluded.score,
               min = excluded.min, max = excluded.max, answered = excluded.answered, items = excluded.items, out_of_scope = excluded.out_of_scope,
               stream_version = excluded.stream_version
           WHERE n.stream_version < excluded.stream_version)
       INSERT INTO ${schema}.scorecards AS s (tenant_id, assessment_id, framework_id, framework_version, scoring_model_id, scoring_model_version,
         answered_questions, answers_applied, score_events_applied, updated_at, stream_version,
         overall_score, overall_min, overall_max, overall_answered, overall_items)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $12, $13, $14, $15, $16)
       ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET
         score_events_applied = s.score_events_applied + 1,
         answered_questions = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.answered_questions ELSE s.answered_questions END,
         answers_applied = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.answers_applied ELSE s.answers_applied END,
         scoring_model_id = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.scoring_model_id ELSE s.scoring_model_id END,
         scoring_model_version = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.scoring_model_version ELSE s.scoring_model_version END,
         updated_at = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.updated_at ELSE s.updated_at END,
         overall_score = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.overall_score ELSE s.overall_score END,
         overall_min = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.overall_min ELSE s.overall_min END,
         overall_max = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.overall_max ELSE s.overall_max END,
         overall_answered = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.overall_answered ELSE s.overall_answered END,
         overall_items = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.overall_items ELSE s.overall_items END,
         stream_version = greatest(s.stream_version, excluded.stream_version)`,
      values: [
        tenantId, d.assessmentId, d.frameworkId, d.frameworkVersion, d.scoringModelId, d.scoringModelVersion, d.answeredQuestions, d.answersApplied, d.calculatedAt, streamVersion,
        JSON.stringify(d.nodes), o.score, o.min, o.max, o.answered, o.items,
      ],
    });
  };
}

