import { Inject, Injectable } from '@nestjs/common';
import type { components } from '@assay/api-types/reporting';
import { DerivedScore } from '../../read-models/derived-score-entity';
import { HistoryRepository } from '../../read-models/history-repository';
import { ScoreBasis } from '../../read-models/history-entities';
import { READ_MODELS, ReadModels } from '../../read-models/read-models.provider';
import { withTenantManager } from '../../read-models/read-model-data-source';
import { knownAssessment } from '../maturity-history/maturity-history.queries';

type Schemas = components['schemas'];

/**
 * One framework's derived set under one basis, from its node rows: the values still reached, as of
 * the latest change to any of them (a removal too), under the inference and crosswalks of that change.
 */
function frameworkView(rows: DerivedScore[]): Schemas['DerivedFramework'] {
  const latest = rows.reduce((a, b) => (b.streamVersion > a.streamVersion ? b : a));
  return {
    frameworkId: latest.frameworkId,
    frameworkVersion: latest.frameworkVersion,
    basis: latest.basis,
    inference: { id: latest.inferenceId, version: latest.inferenceVersion },
    crosswalks: latest.crosswalks,
    asOf: latest.effectiveAt.toISOString(),
    values: rows
      .filter((r) => r.reached)
      .map((r) => ({ nodeId: r.nodeId, attainment: r.attainment!, status: r.status!, carriesMaturity: r.carriesMaturity!, conflict: r.conflict!, provenance: r.provenance! })),
  };
}

/** The crosswalk-derived scores of an assessment, in a tenant transaction (row-level security picks the tenant). */
@Injectable()
export class DerivedScoresReader {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  derivedScores(tenantId: string, assessmentId: string, basis: ScoreBasis | null): Promise<Schemas['DerivedScores']> {
    return withTenantManager(this.readModels.dataSource, tenantId, async (manager) => {
      const known = await knownAssessment(new HistoryRepository(manager, this.readModels.entities), assessmentId);
      const rows = await manager.getRepository(this.readModels.entities.derivedScores).find({
        where: { assessmentId, ...(basis ? { basis } : {}) },
        order: { frameworkId: 'ASC', frameworkVersion: 'ASC', basis: 'ASC', nodeId: 'ASC' },
      });
      const groups = new Map<string, DerivedScore[]>();
      for (const row of rows) {
        const key = `${row.frameworkId}@${row.frameworkVersion}|${row.basis}`;
        const group = groups.get(key) ?? [];
        group.push(row);
        groups.set(key, group);
      }
      // A framework nothing reaches any more has only removal rows: not shown.
      const frameworks = [...groups.values()].map(frameworkView).filter((f) => f.values.length > 0);
      return { assessmentId, frameworkId: known.frameworkId, frameworkVersion: known.frameworkVersion, derived: true, frameworks };
    });
  }
}
