import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { GetScorecardQuery, ScorecardView } from './get-scorecard.query';

@Controller('v1/scorecards')
export class GetScorecardHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Requires('scores:read')

  @Get('latest')
  latest(@CurrentPrincipal() principal: Principal): Promise<ScorecardView> {
    return this.queryBus.execute(new GetScorecardQuery(principal.tenantId));
  }

  @Requires('scores:read')

  @Get(':assessmentId')
  forAssessment(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string): Promise<ScorecardView> {
    return this.queryBus.execute(new GetScorecardQuery(principal.tenantId, assessmentId));
  }
}
