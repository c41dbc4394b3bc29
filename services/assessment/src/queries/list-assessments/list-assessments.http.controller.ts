import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { AssessmentFilters, ListAssessmentsQuery } from './list-assessments.query';

@Controller('v1/assessments')
export class ListAssessmentsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Requires('assessment:read')
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: AssessmentFilters) {
    const { status, frameworkId, systemId, updatedSince, limit, cursor } = query;
    return this.queryBus.execute(new ListAssessmentsQuery(p.tenantId, { status, frameworkId, systemId, updatedSince, limit, cursor }));
  }
}
