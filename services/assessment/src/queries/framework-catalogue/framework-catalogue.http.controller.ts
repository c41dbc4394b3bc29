import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { FrameworkDefinition, SHIPPED_CROSSWALKS, findNode, shippedCrosswalk } from '@assay/frameworks';
import { CurrentPrincipal, NotFoundProblem, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { FrameworkSummary, GetFrameworkQuery, ListFrameworksQuery } from './framework-catalogue.queries';

/**
 * The framework catalogue a tenant sees: the shipped frameworks plus the versions it imported.
 * Definitions are immutable per (id, version), so a response for one version never changes.
 */
@Controller('v1')
export class FrameworkCatalogueHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Requires('assessment:read')

  @Get('frameworks')
  list(@CurrentPrincipal() principal: Principal): Promise<FrameworkSummary[]> {
    return this.queryBus.execute(new ListFrameworksQuery(principal.tenantId));
  }

  @Requires('assessment:read')

  @Get('frameworks/:frameworkId/versions/:version')
  definition(@CurrentPrincipal() principal: Principal, @Param('frameworkId') frameworkId: string, @Param('version') version: string): Promise<FrameworkDefinition> {
    return this.queryBus.execute(new GetFrameworkQuery(principal.tenantId, frameworkId, version));
  }

  @Requires('assessment:read')

  @Get('frameworks/:frameworkId/versions/:version/nodes/:nodeId')
  async node(@CurrentPrincipal() principal: Principal, @Param('frameworkId') frameworkId: string, @Param('version') version: string, @Param('nodeId') nodeId: string) {
    const definition = await this.queryBus.execute<GetFrameworkQuery, FrameworkDefinition>(new GetFrameworkQuery(principal.tenantId, frameworkId, version));
    const node = findNode(definition, nodeId);
    if (!node) throw new NotFoundProblem(`node ${nodeId} of ${frameworkId} ${version}`);
    return node;
  }

  /** Crosswalks are shipped content, the same for every tenant. */
  @Requires('assessment:read')
  @Get('crosswalks')
  crosswalks() {
    return SHIPPED_CROSSWALKS.map(({ mappings, ...rest }) => ({ ...rest, mappingCount: mappings.length }));
  }

  @Requires('assessment:read')

  @Get('crosswalks/:crosswalkId')
  crosswalk(@Param('crosswalkId') crosswalkId: string) {
    const found = shippedCrosswalk(crosswalkId);
    if (!found) throw new NotFoundProblem(`crosswalk ${crosswalkId}`);
    return found;
  }
}
