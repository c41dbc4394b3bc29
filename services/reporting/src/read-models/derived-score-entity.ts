import { EntitySchema } from 'typeorm';
import { DerivedValueV1 } from '@assay/contracts';
import { ScoreBasis } from './history-entities';

/**
 * What an assessment's claimed or assured scores imply in one other framework, along the
 * crosswalks (migration 1764892800000): the latest derived set, under forced row-level security.
 */
export interface DerivedScore {
  tenantId: string;
  assessmentId: string;
  basis: ScoreBasis;
  frameworkId: string;
  frameworkVersion: string;
  sourceFrameworkId: string;
  sourceFrameworkVersion: string;
  inferenceId: string;
  inferenceVersion: string;
  crosswalks: { id: string; version: string }[];
  derived: DerivedValueV1[];
  /** The instant the values hold from (the score event's calculatedAt). */
  effectiveAt: Date;
  streamVersion: number;
}

const key = (name: string, type: 'text' | 'uuid' = 'text') => ({ name, type, primary: true }) as const;
const text = (name: string) => ({ name, type: 'text' }) as const;

export const derivedScoreEntity = (schema: string) =>
  new EntitySchema<DerivedScore>({
    name: `${schema}.DerivedScore`,
    tableName: 'derived_scores',
    schema,
    columns: {
      tenantId: key('tenant_id', 'uuid'),
      assessmentId: key('assessment_id', 'uuid'),
      basis: key('basis'),
      frameworkId: key('framework_id'),
      frameworkVersion: key('framework_version'),
      sourceFrameworkId: text('source_framework_id'),
      sourceFrameworkVersion: text('source_framework_version'),
      inferenceId: text('inference_id'),
      inferenceVersion: text('inference_version'),
      crosswalks: { name: 'crosswalks', type: 'jsonb' },
      derived: { name: 'derived', type: 'jsonb' },
      effectiveAt: { name: 'effective_at', type: 'timestamptz' },
      streamVersion: { name: 'stream_version', type: 'integer' },
    },
  });
