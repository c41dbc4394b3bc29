import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { shippedFramework } from '@assay/frameworks';
import { CurrentPrincipal, ProblemError, Requires } from '@assay/service-kit';
import { Principal, isUuid } from '@assay/tenancy';
import { CrosswalkPreview, PreviewCrosswalkQuery } from './preview-crosswalk.query';

@Controller('v1/assessments/:assessmentId/crosswalk-preview')
export class PreviewCrosswalkHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Requires('assessment:read')

  @Get()
  preview(
    @CurrentPrincipal() principal: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Query('targetFramework') targetFramework: string | undefined,
    @Query('targetVersion') targetVersion: string | undefined,
    @Query('enteredIn') enteredIn: string | undefined,
  ): Promise<CrosswalkPreview> {
    if (!targetFramework || !targetVersion || !shippedFramework(targetFramework, targetVersion)) {
      throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Unknown target framework', 'targetFramework and targetVersion must name a published framework version (GET /v1/frameworks).');
    }
    if (enteredIn !== undefined && !isUuid(enteredIn)) {
      throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid enteredIn', 'enteredIn must be the id of an assessment of the target framework.');
    }
    return this.queryBus.execute(new PreviewCrosswalkQuery(principal.tenantId, assessmentId, { frameworkId: targetFramework, version: targetVersion }, enteredIn));
  }
}
