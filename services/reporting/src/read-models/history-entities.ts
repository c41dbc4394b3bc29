import { EntitySchema } from 'typeorm';
import { AssuranceCalculatedV1 } from '@assay/contracts';
import { DerivedScore, derivedScoreEntity } from './derived-score-entity';

/**
 * Reporting's maturity-history read models, as TypeORM entity schemas built per PostgreSQL schema:
 * the live tables are in `reporting`, and a rebuild writes the same entities into a fresh schema
 * before the swap. Every table carries tenant_id under forced row-level security (migration
 * 1764633600000), so each query runs in a transaction that has set the tenant.
 */

/** An assessment as reporting knows it: its framework and scope, so assessments of one scope form a history. */
export interface HistoryAssessment {
  tenantId: string;
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  scopeKind: 'programme' | 'system';
  systemId: string | null;
  basedOnAssessmentId: string | null;
  basedOnKind: string | null;
  startedAt: Date;
}

/** A target set on one node, on its own scale (null: removed); kept per change so targets too can be read as of an instant. */
export interface NodeTarget {
  tenantId: string;
  assessmentId: string;
  nodeId: string;
  target: number | null;
  setAt: Date;
  streamVersion: number;
}

export type ScoreBasis = 'claimed' | 'assured';

/** One score event of an assessment: claimed (every answer) or assured (evidence-backed answers only). */
export interface ScoreChange {
  tenantId: string;
  assessmentId: string;
  basis: ScoreBasis;
  /** Position in scoring's scorecard stream of the assessment: orders the changes whatever the clocks say. */
  streamVersion: number;
  /** When the cause happened (the score event's calculatedAt): the instant the figures hold from. */
  effectiveAt: Date;
  frameworkId: string;
  frameworkVersion: string;
  scoringModelId: string;
  scoringModelVersion: string;
  overallScore: number | null;
  overallMin: number;
  overallMax: number;
  overallAnswered: number;
  overallItems: number;
  /** Claimed changes: items answered and answer events applied by then; null on assured ones. */
  answeredQuestions: number | null;
  answersApplied: number | null;
  /** Why an assured score moved (answer, scope, evidence verified/rejected/expired/...); null for claimed. */
  cause: AssuranceCalculatedV1['cause'] | null;
  eventId: string;
}

/** One node's figure as a score event changed it; the node's figure at T is its last change at or before T. */
export interface NodeChange {
  tenantId: string;
  assessmentId: string;
  basis: ScoreBasis;
  nodeId: string;
  streamVersion: number;
  effectiveAt: Date;
  parentId: string | null;
  kind: string;
  name: string;
  position: number;
  score: number | null;
  min: number;
  max: number;
  answered: number;
  items: number;
  outOfScope: boolean;
}

const tenant = { tenantId: { name: 'tenant_id', type: 'uuid', primary: true } } as const;
const assessment = { assessmentId: { name: 'assessment_id', type: 'uuid', primary: true } } as const;
const double = (name: string, nullable = false) => ({ name, type: 'double precision', nullable }) as const;
const int = (name: string) => ({ name, type: 'integer' }) as const;
const text = (name: string, nullable = false) => ({ name, type: 'text', nullable }) as const;
const instant = (name: string) => ({ name, type: 'timestamptz' }) as const;

export interface HistoryEntities {
  assessments: EntitySchema<HistoryAssessment>;
  targets: EntitySchema<NodeTarget>;
  scoreChanges: EntitySchema<ScoreChange>;
  nodeChanges: EntitySchema<NodeChange>;
  derivedScores: EntitySchema<DerivedScore>;
}

export function historyEntities(schema: string): HistoryEntities {
  return {
    assessments: new EntitySchema<HistoryAssessment>({
      name: `${schema}.HistoryAssessment`,
      tableName: 'history_assessments',
      schema,
      columns: {
        ...tenant,
        ...assessment,
        frameworkId: text('framework_id'),
        frameworkVersion: text('framework_version'),
        scopeKind: text('scope_kind'),
        systemId: { name: 'system_id', type: 'uuid', nullable: true },
        basedOnAssessmentId: { name: 'based_on_assessment_id', type: 'uuid', nullable: true },
        basedOnKind: text('based_on_kind', true),
        startedAt: instant('started_at'),
      },
    }),
    targets: new EntitySchema<NodeTarget>({
      name: `${schema}.NodeTarget`,
      tableName: 'node_targets',
      schema,
      columns: {
        ...tenant,
        ...assessment,
        nodeId: { name: 'node_id', type: 'text', primary: true },
        target: double('target', true),
        streamVersion: { name: 'stream_version', type: 'integer', primary: true },
        setAt: instant('set_at'),
      },
    }),
    scoreChanges: new EntitySchema<ScoreChange>({
      name: `${schema}.ScoreChange`,
      tableName: 'score_changes',
      schema,
      columns: {
        ...tenant,
        ...assessment,
        basis: { name: 'basis', type: 'text', primary: true },
        streamVersion: { name: 'stream_version', type: 'integer', primary: true },
        effectiveAt: instant('effective_at'),
        frameworkId: text('framework_id'),
        frameworkVersion: text('framework_version'),
        scoringModelId: text('scoring_model_id'),
        scoringModelVersion: text('scoring_model_version'),
        overallScore: double('overall_score', true),
        overallMin: double('overall_min'),
        overallMax: double('overall_max'),
        overallAnswered: int('overall_answered'),
        overallItems: int('overall_items'),
        answeredQuestions: { name: 'answered_questions', type: 'integer', nullable: true },
        answersApplied: { name: 'answers_applied', type: 'integer', nullable: true },
        cause: { name: 'cause', type: 'jsonb', nullable: true },
        eventId: { name: 'event_id', type: 'uuid' },
      },
    }),
    nodeChanges: new EntitySchema<NodeChange>({
      name: `${schema}.NodeChange`,
      tableName: 'node_changes',
      schema,
      columns: {
        ...tenant,
        ...assessment,
        basis: { name: 'basis', type: 'text', primary: true },
        nodeId: { name: 'node_id', type: 'text', primary: true },
        streamVersion: { name: 'stream_version', type: 'integer', primary: true },
        effectiveAt: instant('effective_at'),
        parentId: text('parent_id', true),
        kind: text('kind'),
        name: text('name'),
        position: int('position'),
        score: double('score', true),
        min: double('min'),
        max: double('max'),
        answered: int('answered'),
        items: int('items'),
        outOfScope: { name: 'out_of_scope', type: 'boolean' },
      },
    }),
    derivedScores: derivedScoreEntity(schema),
  };
}
