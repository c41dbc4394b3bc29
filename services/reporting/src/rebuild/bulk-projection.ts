import { PoolClient } from 'pg';
import {
  AssessmentStartedV1,
  AssessmentStartedV2,
  AssuranceCalculatedV1,
  IntegrationEnvelope,
  IntegrationEventTypes as T,
  NodeScoreV2,
  PracticeMaturityCalculatedV2,
  TargetSetV1,
} from '@assay/contracts';
import { frameworkImportedHandler } from '../consumers/framework-imported.handler';
import { practiceMaturityCalculatedHandler } from '../consumers/practice-maturity-calculated.handler';

type Scores = PracticeMaturityCalculatedV2 & Partial<Pick<AssuranceCalculatedV1, 'cause'>>;
const data = <D>(e: IntegrationEnvelope) => e.data as D;

/**
 * The read models of a run of logged events, written with a few set-based statements per tenant
 * instead of a few per event: what a rebuild needs to go at the speed of reading the log. It must
 * leave exactly the rows the live handlers leave (the rebuild spec compares them row for row), and
 * it can, because every live projection is insensitive to the order of different streams: rows are
 * keyed by stream position, scorecards keep the latest position's figures and count events, and an
 * assessment's row is the last start in log order, as live.
 *
 * Legacy v1 scores and framework imports are rare and go through the live handlers one by one.
 */
export async function projectBatch(client: PoolClient, schema: string, events: IntegrationEnvelope[]): Promise<void> {
  const byTenant = new Map<string, IntegrationEnvelope[]>();
  for (const e of events) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
  const legacyScores = practiceMaturityCalculatedHandler(schema);
  const frameworkImported = frameworkImportedHandler(schema);
  for (const [tenantId, run] of byTenant) {
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const starts = new Map<string, Record<string, unknown>>();
    const targets: Record<string, unknown>[] = [];
    const changes: Record<string, unknown>[] = [];
    const nodeChanges: Record<string, unknown>[] = [];
    const cards = new Map<string, { latest: IntegrationEnvelope; count: number; nodes: Map<string, { node: NodeScoreV2; version: number }> }>();
    for (const e of run) {
      const key = `${e.type}@${e.schemaVersion}`;
      if (key === `${T.assessmentStarted}@1` || key === `${T.assessmentStarted}@2`) {
        const d = data<AssessmentStartedV2 & AssessmentStartedV1>(e);
        const scope = d.scope ?? { kind: 'programme' };
        starts.set(d.assessmentId, {
          assessment_id: d.assessmentId, framework_id: d.frameworkId, framework_version: d.frameworkVersion, scope_kind: scope.kind, system_id: scope.systemId ?? null,
          based_on_assessment_id: d.basedOn?.assessmentId ?? null, based_on_kind: d.basedOn?.kind ?? null, started_at: d.startedAt,
        });
      } else if (key === `${T.targetSet}@1`) {
        const d = data<TargetSetV1>(e);
        targets.push({ assessment_id: d.assessmentId, node_id: d.nodeId, stream_version: e.streamVersion, target: d.target, set_at: d.setAt });
      } else if (key === `${T.frameworkImported}@1`) {
        await frameworkImported(e, client);
      } else if (key === `${T.practiceMaturityCalculated}@1`) {
        await legacyScores(e, client);
      } else if (key === `${T.practiceMaturityCalculated}@2` || key === `${T.assuranceCalculated}@1`) {
        const d = data<Scores>(e);
        const basis = e.type === T.assuranceCalculated ? 'assured' : 'claimed';
        changes.push({
          assessment_id: d.assessmentId, basis, stream_version: e.streamVersion, effective_at: d.calculatedAt, framework_id: d.frameworkId, framework_version: d.frameworkVersion,
          scoring_model_id: d.scoringModelId, scoring_model_version: d.scoringModelVersion, overall_score: d.overall.score, overall_min: d.overall.min, overall_max: d.overall.max,
          overall_answered: d.overall.answered, overall_items: d.overall.items, cause: d.cause ?? null, event_id: e.id,
        });
        for (const n of d.nodes) {
          nodeChanges.push({
            assessment_id: d.assessmentId, basis, node_id: n.nodeId, stream_version: e.streamVersion, effective_at: d.calculatedAt, parent_id: n.parentId ?? null, kind: n.kind, name: n.name,
            position: n.position, score: n.score, min: n.min, max: n.max, answered: n.answered, items: n.items, out_of_scope: n.outOfScope === true,
          });
        }
        if (basis === 'claimed') {
          const card = cards.get(d.assessmentId) ?? { latest: e, count: 0, nodes: new Map() };
          card.count += 1;
          if (e.streamVersion > card.latest.streamVersion) card.latest = e;
          for (const n of d.nodes) {
            const seen = card.nodes.get(n.nodeId);
            if (!seen || seen.version < e.streamVersion) card.nodes.set(n.nodeId, { node: n, version: e.streamVersion });
          }
          cards.set(d.assessmentId, card);
        }
      }
    }
    await writeStarts(client, schema, tenantId, [...starts.values()]);
    await insertRows(client, `${schema}.node_targets`, tenantId, targets, TARGET_COLUMNS);
    await insertRows(client, `${schema}.score_changes`, tenantId, changes, CHANGE_COLUMNS);
    await insertRows(client, `${schema}.node_changes`, tenantId, nodeChanges, NODE_CHANGE_COLUMNS);
    await writeScorecards(client, schema, tenantId, [...cards.values()]);
  }
}

type Columns = [name: string, type: string][];
const TARGET_COLUMNS: Columns = [['assessment_id', 'uuid'], ['node_id', 'text'], ['stream_version', 'integer'], ['target', 'double precision'], ['set_at', 'timestamptz']];
const CHANGE_COLUMNS: Columns = [
  ['assessment_id', 'uuid'], ['basis', 'text'], ['stream_version', 'integer'], ['effective_at', 'timestamptz'], ['framework_id', 'text'], ['framework_version', 'text'],
  ['scoring_model_id', 'text'], ['scoring_model_version', 'text'], ['overall_score', 'double precision'], ['overall_min', 'double precision'], ['overall_max', 'double precision'],
  ['overall_answered', 'integer'], ['overall_items', 'integer'], ['cause', 'jsonb'], ['event_id', 'uuid'],
];
const NODE_CHANGE_COLUMNS: Columns = [
  ['assessment_id', 'uuid'], ['basis', 'text'], ['node_id', 'text'], ['stream_version', 'integer'], ['effective_at', 'timestamptz'], ['parent_id', 'text'], ['kind', 'text'], ['name', 'text'],
  ['position', 'integer'], ['score', 'double precision'], ['min', 'double precision'], ['max', 'double precision'], ['answered', 'integer'], ['items', 'integer'], ['out_of_scope', 'boolean'],
];

/** Rows as one JSON parameter, unpacked by the server: one round trip whatever the row count. */
async function insertRows(client: PoolClient, table: string, tenantId: string, rows: Record<string, unknown>[], columns: Columns): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([n]) => n).join(', ');
  await client.query(
    `INSERT INTO ${table} (tenant_id, ${names}) SELECT $1, ${names} FROM jsonb_to_recordset($2::jsonb) AS x(${columns.map(([n, t]) => `${n} ${t}`).join(', ')}) ON CONFLICT DO NOTHING`,
    [tenantId, JSON.stringify(rows)],
  );
}

async function writeStarts(client: PoolClient, schema: string, tenantId: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ${schema}.history_assessments (tenant_id, assessment_id, framework_id, framework_version, scope_kind, system_id, based_on_assessment_id, based_on_kind, started_at)
     SELECT $1, assessment_id, framework_id, framework_version, scope_kind, system_id, based_on_assessment_id, based_on_kind, started_at
     FROM jsonb_to_recordset($2::jsonb) AS x(assessment_id uuid, framework_id text, framework_version text, scope_kind text, system_id uuid, based_on_assessment_id uuid, based_on_kind text, started_at timestamptz)
     ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET framework_id = excluded.framework_id, framework_version = excluded.framework_version, scope_kind = excluded.scope_kind,
       system_id = excluded.system_id, based_on_assessment_id = excluded.based_on_assessment_id, based_on_kind = excluded.based_on_kind, started_at = excluded.started_at`,
    [tenantId, JSON.stringify(rows)],
  );
}

/** Each assessment's latest scorecard fields and node figures of the run, and how many score events it absorbed. */
async function writeScorecards(client: PoolClient, schema: string, tenantId: string, cards: { latest: IntegrationEnvelope; count: number; nodes: Map<string, { node: NodeScoreV2; version: number }> }[]): Promise<void> {
  if (cards.length === 0) return;
  const nodes = cards.flatMap((c) =>
    [...c.nodes.values()].map(({ node: n, version }) => ({
      assessment_id: data<Scores>(c.latest).assessmentId, node_id: n.nodeId, parent_id: n.parentId ?? null, kind: n.kind, name: n.name, position: n.position, score: n.score,
      min: n.min, max: n.max, answered: n.answered, items: n.items, out_of_scope: n.outOfScope === true, stream_version: version,
    })),
  );
  await client.query(
    `INSERT INTO ${schema}.node_scores AS n (tenant_id, assessment_id, node_id, parent_id, kind, name, position, score, min, max, answered, items, out_of_scope, stream_version)
     SELECT $1, assessment_id, node_id, parent_id, kind, name, position, score, min, max, answered, items, out_of_scope, stream_version
     FROM jsonb_to_recordset($2::jsonb) AS x(assessment_id uuid, node_id text, parent_id text, kind text, name text, position integer, score double precision, min double precision,
          max double precision, answered integer, items integer, out_of_scope boolean, stream_version integer)
     ON CONFLICT (tenant_id, assessment_id, node_id) DO UPDATE
       SET parent_id = excluded.parent_id, kind = excluded.kind, name = excluded.name, position = excluded.position, score = excluded.score, min = excluded.min, max = excluded.max,
           answered = excluded.answered, items = excluded.items, out_of_scope = excluded.out_of_scope, stream_version = excluded.stream_version
       WHERE n.stream_version < excluded.stream_version`,
    [tenantId, JSON.stringify(nodes)],
  );
  const rows = cards.map(({ latest, count }) => {
    const d = data<Scores>(latest);
    return {
      assessment_id: d.assessmentId, framework_id: d.frameworkId, framework_version: d.frameworkVersion, scoring_model_id: d.scoringModelId, scoring_model_version: d.scoringModelVersion,
      answered_questions: d.answeredQuestions, answers_applied: d.answersApplied, events: count, updated_at: d.calculatedAt, stream_version: latest.streamVersion,
      overall_score: d.overall.score, overall_min: d.overall.min, overall_max: d.overall.max, overall_answered: d.overall.answered, overall_items: d.overall.items,
    };
  });
  const newer = (column: string) => `${column} = CASE WHEN excluded.stream_version > s.stream_version THEN excluded.${column} ELSE s.${column} END`;
  await client.query(
    `INSERT INTO ${schema}.scorecards AS s (tenant_id, assessment_id, framework_id, framework_version, scoring_model_id, scoring_model_version, answered_questions, answers_applied,
       score_events_applied, updated_at, stream_version, overall_score, overall_min, overall_max, overall_answered, overall_items)
     SELECT $1, assessment_id, framework_id, framework_version, scoring_model_id, scoring_model_version, answered_questions, answers_applied, events, updated_at, stream_version,
       overall_score, overall_min, overall_max, overall_answered, overall_items
     FROM jsonb_to_recordset($2::jsonb) AS x(assessment_id uuid, framework_id text, framework_version text, scoring_model_id text, scoring_model_version text, answered_questions integer,
          answers_applied integer, events integer, updated_at timestamptz, stream_version integer, overall_score double precision, overall_min double precision, overall_max double precision,
          overall_answered integer, overall_items integer)
     ON CONFLICT (tenant_id, assessment_id) DO UPDATE SET
       score_events_applied = s.score_events_applied + excluded.score_events_applied,
       ${['answered_questions', 'answers_applied', 'scoring_model_id', 'scoring_model_version', 'updated_at', 'overall_score', 'overall_min', 'overall_max', 'overall_answered', 'overall_items'].map(newer).join(',\n       ')},
       stream_version = greatest(s.stream_version, excluded.stream_version)`,
    [tenantId, JSON.stringify(rows)],
  );
}
