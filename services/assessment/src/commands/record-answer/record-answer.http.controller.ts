import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Put, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Request, Response } from 'express';
import { CurrentPrincipal, OPENAPI, OpenApiContract, RequestContext, Requires, etagOf, versionFromIfMatch } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { AnswerRecordedResponse, RecordAnswerCommand, RecordAnswerRequest } from './record-answer.command';

@Controller('v1/assessments/:assessmentId/answers')
export class RecordAnswerHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  @Requires('assessment:write')

  @Put(':questionId')
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Param('questionId') questionId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request & { context: RequestContext },
    @Res({ passthrough: true }) response: Response,
  ): Promise<AnswerRecordedResponse> {
    const valid = this.contract.validate<RecordAnswerRequest>('RecordAnswerRequest', body);
    const recorded = await this.commandBus.execute<RecordAnswerCommand, AnswerRecordedResponse>(
      new RecordAnswerCommand(principal, assessmentId, questionId, valid, request.context, versionFromIfMatch(ifMatch)),
    );
    response.setHeader('ETag', etagOf(recorded.version));
    return recorded;
  }
}
