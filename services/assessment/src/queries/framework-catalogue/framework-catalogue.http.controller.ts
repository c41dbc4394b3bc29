import { Controller, Get, Param } from '@nestjs/common';
import { FrameworkDefinition, SHIPPED_CROSSWALKS, SHIPPED_FRAMEWORKS, countByKind, findNode, shippedCrosswalk, shippedFramework } from '@assay/frameworks';
import { NotFoundProblem } from '@assay/service-kit';

/**
 * The published framework catalogue: read-only content, the same for every tenant (authenticated
 * like every route). Definitions are immutable per (id, version), so responses never change.
 */
@Controller('v1')
export class FrameworkCatalogueHttpController {
  @Get('frameworks')
  list() {
    return SHIPPED_FRAMEWORKS.map((f) => summary(f));
  }

  @Get('frameworks/:frameworkId/versions/:version')
  definition(@Param('frameworkId') frameworkId: string, @Param('version') version: string): FrameworkDefinition {
    return this.find(frameworkId, version);
  }

  @Get('frameworks/:frameworkId/versions/:version/nodes/:nodeId')
  node(@Param('frameworkId') frameworkId: string, @Param('version') version: string, @Param('nodeId') nodeId: string) {
    const node = findNode(this.find(frameworkId, version), nodeId);
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

  private find(frameworkId: string, version: string): FrameworkDefinition {
    const definition = shippedFramework(frameworkId, version);
    if (!definition) throw new NotFoundProblem(`framework ${frameworkId} ${version}`);
    return definition;
  }
}

function summary(f: FrameworkDefinition) {
  return { id: f.id, version: f.version, name: f.name, publisher: f.publisher, licence: f.licence, scoringModel: f.scoringModel, nodeCounts: countByKind(f) };
}
