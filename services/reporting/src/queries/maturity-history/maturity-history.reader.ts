import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { components } from '@assay/api-types/reporting';
import { UnknownFrameworkError, frameworkFor } from '@assay/learned-frameworks';
import { HistoryRepository } from '../../read-models/history-repository';
import { READ_MODELS, ReadModels } from '../../read-models/read-models.provider';
import { withTenantManager } from '../../read-models/read-model-data-source';
import { ComparisonView, NodeHistoryView, ScorecardAsOfView } from './history-views';
import * as queries from './maturity-history.queries';
import { DefinitionLookup, TrendQuery } from './maturity-history.queries';

type Schemas = components['schemas'];

/** The maturity history's read side for the API: the queries over the history tables, in a tenant transaction. */
@Injectable()
export class MaturityHistoryReader {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  private read<T>(tenantId: string, work: (history: HistoryRepository, definitionOf: DefinitionLookup) => Promise<T>): Promise<T> {
    return withTenantManager(this.readModels.dataSource, tenantId, (manager) =>
      work(new HistoryRepository(manager, this.readModels.entities), definitionLookup(manager, tenantId, this.readModels.schema)),
    );
  }

  scorecardAsOf(tenantId: string, assessmentId: string, asOf: Date): Promise<ScorecardAsOfView> {
    return this.read(tenantId, (history) => queries.scorecardAsOf(history, assessmentId, asOf));
  }

  nodeHistory(tenantId: string, assessmentId: string, nodeId: string | null): Promise<NodeHistoryView> {
    return this.read(tenantId, (history) => queries.nodeHistory(history, assessmentId, nodeId));
  }

  roadmap(tenantId: string, assessmentId: string, asOf: Date): Promise<Schemas['Roadmap']> {
    return this.read(tenantId, (history, definitionOf) => queries.roadmap(history, definitionOf, assessmentId, asOf));
  }

  comparison(tenantId: string, assessmentId: string, baselineId: string, asOf: Date): Promise<ComparisonView> {
    return this.read(tenantId, (history) => queries.comparison(history, assessmentId, baselineId, asOf));
  }

  trend(tenantId: string, query: TrendQuery): Promise<Schemas['MaturityTrend']> {
    return this.read(tenantId, (history) => queries.trend(history, query));
  }
}

/** Shipped definitions, or the tenant's imported ones (read through the manager's tenant transaction). */
export function definitionLookup(manager: EntityManager, tenantId: string, schema: string): DefinitionLookup {
  // The learned-frameworks reader takes a pg-style client.
  const client = { query: async (text: string, values?: unknown[]) => ({ rows: await manager.query(text, values) }) };
  return (id, version) =>
    frameworkFor(client as never, tenantId, id, version, schema).catch((error: unknown) => {
      // Only "never imported" means no threats to weigh; a database error must fail the read.
      if (error instanceof UnknownFrameworkError) return undefined;
      throw error;
    });
}
