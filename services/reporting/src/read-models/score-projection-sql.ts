import { IntegrationEventTypes as T } from '@assay/contracts';

/**
 * How score events become read-model rows, as SQL over a relation of logged events (columns of
 * reporting's event log: tenant_id, event_id, event_type, schema_version, data, metadata). The live
 * consumer runs it over the one event it is applying, in the statement that logs it; a rebuild
 * runs it over a range of the log. One text for both is what makes a rebuild's rows equal the
 * live ones by construction (and the rebuild spec checks them row for row).
 *
 * `events` names the relation, aliased `e` (e.g. `log.events e`), and which of its rows count.
 */
export interface LoggedEvents {
  from: string;
  where: string;
}

export const CLAIMED = `(e.event_type = '${T.practiceMaturityCalculated}' AND e.schema_version = 2)`;
export const SCORES = `(${CLAIMED} OR (e.event_type = '${T.assuranceCalculated}' AND e.schema_version = 1))`;
export const DERIVED = `(e.event_type = '${T.derivedScoresCalculated}' AND e.schema_version = 1)`;
const BASIS = `CASE WHEN e.event_type = '${T.assuranceCalculated}' THEN 'assured' ELSE 'claimed' END`;
/** The event's place in its scorecard stream: the history's key, and what orders figures. */
export const STREAM_VERSION = `(e.metadata->>'streamVersion')::integer`;

/**
 * The score events of `events` with the fields history rows are keyed by: a CTE named `scores`,
 * materialized so that the score and node changes share one scan.
 */
export const scoresCte = (events: LoggedEvents) =>
  `scores AS MATERIALIZED (
     SELECT e.tenant_id, e.event_id, e.data, (e.data->>'assessmentId')::uuid AS assessment_id, ${BASIS} AS basis, ${STREAM_VERSION} AS stream_version,
            (e.data->>'calculatedAt')::timestamptz AS effective_at
     FROM ${events.from} WHERE ${events.where} AND ${SCORES})`;

/** A score change per score event of the `scores` CTE. `onConflict` is empty only for tables without keys (a bulk load). */
export const insertScoreChanges = (target: string, onConflict: string) =>
  `INSERT INTO ${target}.score_changes (tenant_id, assessment_id, basis, stream_version, effective_at, framework_id, framework_version, scoring_model_id, scoring_model_version,
     overall_score, overall_min, overall_max, overall_answered, overall_items, answered_questions, answers_applied, cause, event_id)
   SELECT tenant_id, assessment_id, basis, stream_version, effective_at, data->>'frameworkId', data->>'frameworkVersion', data->>'scoringModelId', data->>'scoringModelVersion',
     (data->'overall'->>'score')::float8, (data->'overall'->>'min')::float8, (data->'overall'->>'max')::float8, (data->'overall'->>'answered')::integer,
     (data->'overall'->>'items')::integer, (data->>'answeredQuestions')::integer, (data->>'answersApplied')::integer, data->'cause', event_id
   FROM scores ${onConflict}`;

/** A node change per node each score event of the `scores` CTE names. */
export const insertNodeChanges = (target: string, onConflict: string) =>
  `INSERT INTO ${target}.node_changes (tenant_id, assessment_id, basis, node_id, stream_version, effective_at, parent_id, kind, name, position, score, min, max, answered, items, out_of_scope)
   SELECT s.tenant_id, s.assessment_id, s.basis, n->>'nodeId', s.stream_version, s.effective_at, n->>'parentId', n->>'kind', n->>'name', (n->>'position')::integer, (n->>'score')::float8,
     (n->>'min')::float8, (n->>'max')::float8, (n->>'answered')::integer, (n->>'items')::integer, coalesce((n->>'outOfScope')::boolean, false)
   FROM scores s CROSS JOIN LATERAL jsonb_array_elements(s.data->'nodes') n ${onConflict}`;

export const NODE_SCORE_COLUMNS = 'tenant_id, assessment_id, node_id, parent_id, kind, name, position, score, min, max, answered, items, out_of_scope, stream_version';
export const NODE_SCORE_UPSERT = `ON CONFLICT (tenant_id, assessment_id, node_id) DO UPDATE
  SET parent_id = excluded.parent_id, kind = excluded.kind, name = excluded.name, position = excluded.position, score = excluded.score, min = excluded.min, max = excluded.max,
      answered = excluded.answered, items = excluded.items, out_of_scope = excluded.out_of_scope, stream_version = excluded.stream_version
  WHERE s.stream_version < excluded.stream_version`;
export const SCORECARD_COLUMNS = `tenant_id, assessment_id, framework_id, framework_version, scoring_model_id, scoring_model_version, answered_questions, answers_applied,
  score_events_applied, updated_at, stream_version, overall_score, overall_min, overall_max, overall_answered, overall_items`;
const newer = (column: string) => `${column} = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.${column} ELSE s.${column} END`;
// Every field describes the assessment as of one score event, so they move together and only forward; the count adds up.
export const SCORECARD_UPSERT = `ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET
  score_events_applied = s.score_events_applied + excluded.score_events_applied,
  ${['answered_questions', 'answers_applied', 'scoring_model_id', 'scoring_model_version', 'updated_at', 'overall_score', 'overall_min', 'overall_max', 'overall_answered', 'overall_items'].map(newer).join(', ')},
  stream_version = greatest(s.stream_version, excluded.stream_version)`;

/** Each node's latest claimed figures among `events`, moved forward only (the node's stream version). */
export const upsertNodeScores = (target: string, events: LoggedEvents) =>
  `INSERT INTO ${target}.node_scores AS s (${NODE_SCORE_COLUMNS})
   SELECT DISTINCT ON (e.tenant_id, (e.data->>'assessmentId')::uuid, n->>'nodeId') e.tenant_id, (e.data->>'assessmentId')::uuid, n->>'nodeId', n->>'parentId', n->>'kind', n->>'name',
     (n->>'position')::integer, (n->>'score')::float8, (n->>'min')::float8, (n->>'max')::float8, (n->>'answered')::integer, (n->>'items')::integer,
     coalesce((n->>'outOfScope')::boolean, false), ${STREAM_VERSION}
   FROM ${events.from} CROSS JOIN LATERAL jsonb_array_elements(e.data->'nodes') n WHERE ${events.where} AND ${CLAIMED}
   ORDER BY e.tenant_id, (e.data->>'assessmentId')::uuid, n->>'nodeId', ${STREAM_VERSION} DESC
   ${NODE_SCORE_UPSERT}`;

/** Each scorecard's latest claimed figures among `events`, and how many claimed score events it absorbed. */
export const upsertScorecards = (target: string, events: LoggedEvents) =>
  `INSERT INTO ${target}.scorecards AS s (${SCORECARD_COLUMNS})
   SELECT tenant_id, assessment_id, framework_id, framework_version, scoring_model_id, scoring_model_version, answered_questions, answers_applied, events, updated_at, version,
     overall_score, overall_min, overall_max, overall_answered, overall_items
   FROM (SELECT e.tenant_id, (e.data->>'assessmentId')::uuid AS assessment_id, e.data->>'frameworkId' AS framework_id, e.data->>'frameworkVersion' AS framework_version,
           e.data->>'scoringModelId' AS scoring_model_id, e.data->>'scoringModelVersion' AS scoring_model_version, (e.data->>'answeredQuestions')::integer AS answered_questions,
           (e.data->>'answersApplied')::integer AS answers_applied, (e.data->>'calculatedAt')::timestamptz AS updated_at, ${STREAM_VERSION} AS version,
           (e.data->'overall'->>'score')::float8 AS overall_score, (e.data->'overall'->>'min')::float8 AS overall_min, (e.data->'overall'->>'max')::float8 AS overall_max,
           (e.data->'overall'->>'answered')::integer AS overall_answered, (e.data->'overall'->>'items')::integer AS overall_items,
           count(*) OVER (PARTITION BY e.tenant_id, (e.data->>'assessmentId')::uuid)::integer AS events,
           row_number() OVER (PARTITION BY e.tenant_id, (e.data->>'assessmentId')::uuid ORDER BY ${STREAM_VERSION} DESC) AS latest
         FROM ${events.from} WHERE ${events.where} AND ${CLAIMED}) l
   WHERE latest = 1
   ${SCORECARD_UPSERT}`;

const DERIVED_KEY = ['tenant_id', 'assessment_id', 'basis', 'framework_id', 'framework_version', 'node_id'];
const DERIVED_VALUES = ['source_framework_id', 'source_framework_version', 'inference_id', 'inference_version', 'crosswalks', 'reached', 'attainment', 'status',
  'carries_maturity', 'conflict', 'provenance', 'effective_at', 'stream_version'];

/**
 * Each node's latest derived value among the derived events of `events` (a changed value, or a
 * removal: no value, `reached` false), replacing an older one by the scorecard stream's position,
 * so the result does not depend on the order of delivery.
 */
export const upsertDerivedScores = (target: string, events: LoggedEvents) =>
  `INSERT INTO ${target}.derived_scores AS s (${[...DERIVED_KEY, ...DERIVED_VALUES].join(', ')})
   SELECT DISTINCT ON (e.tenant_id, (e.data->>'assessmentId')::uuid, e.data->>'basis', f->>'frameworkId', f->>'frameworkVersion', n.node_id)
     e.tenant_id, (e.data->>'assessmentId')::uuid, e.data->>'basis', f->>'frameworkId', f->>'frameworkVersion', n.node_id, e.data->>'frameworkId', e.data->>'frameworkVersion',
     e.data->'inference'->>'id', e.data->'inference'->>'version', e.data->'crosswalks', n.value IS NOT NULL, (n.value->>'attainment')::float8, n.value->>'status',
     (n.value->>'carriesMaturity')::boolean, (n.value->>'conflict')::boolean, n.value->'provenance', (e.data->>'calculatedAt')::timestamptz, ${STREAM_VERSION}
   FROM ${events.from} CROSS JOIN LATERAL jsonb_array_elements(e.data->'frameworks') f
     CROSS JOIN LATERAL (SELECT v->>'nodeId' AS node_id, v AS value FROM jsonb_array_elements(f->'changed') v
                         UNION ALL SELECT r #>> '{}', NULL::jsonb FROM jsonb_array_elements(f->'removed') r) n
   WHERE ${events.where} AND ${DERIVED}
   ORDER BY e.tenant_id, (e.data->>'assessmentId')::uuid, e.data->>'basis', f->>'frameworkId', f->>'frameworkVersion', n.node_id, ${STREAM_VERSION} DESC
   ON CONFLICT (${DERIVED_KEY.join(', ')}) DO UPDATE SET ${DERIVED_VALUES.map((c) => `${c} = excluded.${c}`).join(', ')}
   WHERE s.stream_version < excluded.stream_version`;
