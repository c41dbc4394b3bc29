import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CurrentPrincipal, NotFoundProblem, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { RebuildJobs, RebuildView } from './rebuild-jobs';

/** Platform operations: rebuilding reporting's read models from its log, for an operator. */
@Controller('v1/operations/read-model-rebuilds')
export class RebuildHttpController {
  constructor(private readonly jobs: RebuildJobs) {}

  @Requires('read-models:rebuild')
  @Post()
  @HttpCode(202)
  request(@CurrentPrincipal() principal: Principal): Promise<RebuildView> {
    return this.jobs.request(principal.subject);
  }

  @Requires('read-models:rebuild')
  @Get(':rebuildId')
  async status(@Param('rebuildId', new ParseUUIDPipe()) rebuildId: string): Promise<RebuildView> {
    const view = await this.jobs.status(rebuildId);
    if (!view) throw new NotFoundProblem(`rebuild ${rebuildId}`);
    return view;
  }
}
