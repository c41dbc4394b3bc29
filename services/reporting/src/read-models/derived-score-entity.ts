import { EntitySchema } from 'typeorm';
import { DerivedValueV1 } from '@assay/contracts';
import { ScoreBasis } from './history-entities';

/**
 * What an assessment's claimed or assured scores imply for one node of another framework, along
 * the crosswalks (migration 1764979200000): the latest derived value, or `reached` false once
 * nothing reaches the node any more; under forced row-level security.
 */
export interface DerivedScore {
  tenantId: string;
  assessmentId: string;
  basis: ScoreBasis;
  frameworkId: string;
  frameworkVersion: string;
  nodeId: string;
  sourceFrameworkId: string;
  sourceFrameworkVersion: string;
  inferenceId: string;
  inferenceVersion: string;
  crosswalks: { id: string; version: string }[];
  reached: boolean;
  attainment: number | null;
  status: DerivedValueV1['status'] | null;
  carriesMaturity: boolean | null;
  conflict: boolean | null;
  provenance: DerivedValueV1['provenance'] | null;
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
      nodeId: key('node_id'),
      sourceFrameworkId: text('source_framework_id'),
      sourceFrameworkVersion: text('source_framework_version'),
      inferenceId: text('inference_id'),
      inferenceVersion: text('inference_version'),
      crosswalks: { name: 'crosswalks', type: 'jsonb' },
      reached: { name: 'reached', type: 'boolean' },
      attainment: { name: 'attainment', type: 'double precision', nullable: true },
      status: { name: 'status', type: 'text', nullable: true },
      carriesMaturity: { name: 'carries_maturity', type: 'boolean', nullable: true },
      conflict: { name: 'conflict', type: 'boolean', nullable: true },
      provenance: { name: 'provenance', type: 'jsonb', nullable: true },
      effectiveAt: { name: 'effective_at', type: 'timestamptz' },
      streamVersion: { name: 'stream_version', type: 'integer' },
    },
  });
