import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { AssessmentScores, GetAssessmentScoresQuery } from './get-assessment-scores.query';

@Controller('v1/assessments')
export class GetAssessmentScoresHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Requires('scores:read')

  @Get(':assessmentId/scores')
  get(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string): Promise<AssessmentScores> {
    return this.queryBus.execute(new GetAssessmentScoresQuery(principal.tenantId, assessmentId));
  }
}
