import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { FrameworkDefinition, countByKind } from '@assay/frameworks';
import { APP_POOL, NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { tenantFramework, tenantFrameworks } from '../../infrastructure/tenant-frameworks';

/** The frameworks the tenant sees: shipped plus its own imported versions. */
export class ListFrameworksQuery {
  constructor(readonly tenantId: string) {}
}

export class GetFrameworkQuery {
  constructor(
    readonly tenantId: string,
    readonly frameworkId: string,
    readonly version: string,
  ) {}
}

export type FrameworkSummary = Pick<FrameworkDefinition, 'id' | 'version' | 'name' | 'publisher' | 'licence' | 'scoringModel'> & { nodeCounts: ReturnType<typeof countByKind> };

@QueryHandler(ListFrameworksQuery)
export class ListFrameworksHandler implements IQueryHandler<ListFrameworksQuery, FrameworkSummary[]> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId }: ListFrameworksQuery): Promise<FrameworkSummary[]> {
    const frameworks = await withTenantTransaction(this.pool, tenantId, tenantFrameworks);
    return frameworks.map((f) => ({ id: f.id, version: f.version, name: f.name, publisher: f.publisher, licence: f.licence, scoringModel: f.scoringModel, nodeCounts: countByKind(f) }));
  }
}

@QueryHandler(GetFrameworkQuery)
export class GetFrameworkHandler implements IQueryHandler<GetFrameworkQuery, FrameworkDefinition> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ tenantId, frameworkId, version }: GetFrameworkQuery): Promise<FrameworkDefinition> {
    const definition = await withTenantTransaction(this.pool, tenantId, (client) => tenantFramework(client, frameworkId, version));
    if (!definition) throw new NotFoundProblem(`framework ${frameworkId} ${version}`);
    return definition;
  }
}
