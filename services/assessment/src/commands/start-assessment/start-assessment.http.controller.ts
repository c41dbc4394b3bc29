import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Request, Response } from 'express';
import { CurrentPrincipal, Idempotent, OPENAPI, OpenApiContract, RequestContext, Requires, etagOf } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { AssessmentCreated, StartAssessmentCommand, StartAssessmentRequest } from './start-assessment.command';

@Controller('v1/assessments')
export class StartAssessmentHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  @Requires('assessment:write')

  @Idempotent('start-assessment')
  @Post()
  @HttpCode(201)
  async start(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Req() request: Request & { context: RequestContext },
    @Res({ passthrough: true }) response: Response,
  ): Promise<AssessmentCreated> {
    const valid = this.contract.validate<StartAssessmentRequest>('StartAssessmentRequest', body);
    const created = await this.commandBus.execute<StartAssessmentCommand, AssessmentCreated>(
      new StartAssessmentCommand(principal, valid, request.context),
    );
    response.setHeader('Location', `/v1/assessments/${created.id}`);
    response.setHeader('ETag', etagOf(created.version));
    return created;
  }
}
