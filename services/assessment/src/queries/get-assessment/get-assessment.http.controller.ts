import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Response } from 'express';
import { CurrentPrincipal, Requires, etagOf } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { AssessmentView, GetAssessmentQuery } from './get-assessment.query';

@Controller('v1/assessments')
export class GetAssessmentHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Requires('assessment:read')

  @Get(':assessmentId')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AssessmentView> {
    const view = await this.queryBus.execute<GetAssessmentQuery, AssessmentView>(new GetAssessmentQuery(principal.tenantId, assessmentId));
    response.setHeader('ETag', etagOf(view.version));
    return view;
  }
}
