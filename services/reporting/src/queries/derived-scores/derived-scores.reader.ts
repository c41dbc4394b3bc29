import { Inject, Injectable } from '@nestjs/common';
import type { components } from '@assay/api-types/reporting';
import { DerivedScore } from '../../read-models/derived-score-entity';
import { HistoryRepository } from '../../read-models/history-repository';
import { ScoreBasis } from '../../read-models/history-entities';
import { READ_MODELS, ReadModels } from '../../read-models/read-models.provider';
import { withTenantManager } from '../../read-models/read-model-data-source';
import { knownAssessment } from '../maturity-history/maturity-history.queries';

type DerivedScoresView = components['schemas']['DerivedScores'];

const view = (row: DerivedScore): components['schemas']['DerivedFramework'] => ({
  frameworkId: row.frameworkId,
  frameworkVersion: row.frameworkVersion,
  basis: row.basis,
  inference: { id: row.inferenceId, version: row.inferenceVersion },
  crosswalks: row.crosswalks,
  asOf: row.effectiveAt.toISOString(),
  values: row.derived,
});

/** The crosswalk-derived scores of an assessment, in a tenant transaction (row-level security picks the tenant). */
@Injectable()
export class DerivedScoresReader {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  derivedScores(tenantId: string, assessmentId: string, basis: ScoreBasis | null): Promise<DerivedScoresView> {
    return withTenantManager(this.readModels.dataSource, tenantId, async (manager) => {
      const known = await knownAssessment(new HistoryRepository(manager, this.readModels.entities), assessmentId);
      const rows = await manager.getRepository(this.readModels.entities.derivedScores).find({
        where: { assessmentId, ...(basis ? { basis } : {}) },
        order: { frameworkId: 'ASC', frameworkVersion: 'ASC', basis: 'ASC' },
      });
      // A framework nothing reaches any more keeps an empty row (its last set was emptied): not shown.
      const frameworks = rows.filter((r) => r.derived.length > 0).map(view);
      return { assessmentId, frameworkId: known.frameworkId, frameworkVersion: known.frameworkVersion, derived: true, frameworks };
    });
  }
}
