import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Pool } from 'pg';
import { FrameworkDefinition, SHIPPED_CROSSWALKS, countByKind, findNode, shippedCrosswalk } from '@assay/frameworks';
import { APP_POOL, CurrentPrincipal, NotFoundProblem } from '@assay/service-kit';
import { Principal, withTenantTransaction } from '@assay/tenancy';
import { tenantFramework, tenantFrameworks } from '../../infrastructure/tenant-frameworks';

/**
 * The framework catalogue a tenant sees: the shipped frameworks plus the versions it imported.
 * Definitions are immutable per (id, version), so a response for one version never changes.
 */
@Controller('v1')
export class FrameworkCatalogueHttpController {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  @Get('frameworks')
  async list(@CurrentPrincipal() principal: Principal) {
    const frameworks = await withTenantTransaction(this.pool, principal.tenantId, tenantFrameworks);
    return frameworks.map(summary);
  }

  @Get('frameworks/:frameworkId/versions/:version')
  definition(@CurrentPrincipal() principal: Principal, @Param('frameworkId') frameworkId: string, @Param('version') version: string): Promise<FrameworkDefinition> {
    return this.find(principal, frameworkId, version);
  }

  @Get('frameworks/:frameworkId/versions/:version/nodes/:nodeId')
  async node(@CurrentPrincipal() principal: Principal, @Param('frameworkId') frameworkId: string, @Param('version') version: string, @Param('nodeId') nodeId: string) {
    const node = findNode(await this.find(principal, frameworkId, version), nodeId);
    if (!node) throw new NotFoundProblem(`node ${nodeId} of ${frameworkId} ${version}`);
    return node;
  }

  @Get('crosswalks')
  crosswalks() {
    return SHIPPED_CROSSWALKS.map(({ mappings, ...rest }) => ({ ...rest, mappingCount: mappings.length }));
  }

  @Get('crosswalks/:crosswalkId')
  crosswalk(@Param('crosswalkId') crosswalkId: string) {
    const found = shippedCrosswalk(crosswalkId);
    if (!found) throw new NotFoundProblem(`crosswalk ${crosswalkId}`);
    return found;
  }

  private async find(principal: Principal, frameworkId: string, version: string): Promise<FrameworkDefinition> {
    const definition = await withTenantTransaction(this.pool, principal.tenantId, (client) => tenantFramework(client, frameworkId, version));
    if (!definition) throw new NotFoundProblem(`framework ${frameworkId} ${version}`);
    return definition;
  }
}

function summary(f: FrameworkDefinition) {
  return { id: f.id, version: f.version, name: f.name, publisher: f.publisher, licence: f.licence, scoringModel: f.scoringModel, nodeCounts: countByKind(f) };
}
