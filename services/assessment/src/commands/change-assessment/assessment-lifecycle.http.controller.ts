import { Body, Controller, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Request, Response } from 'express';
import { CurrentPrincipal, OPENAPI, OpenApiContract, Requires, RequestContext } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import type { components } from '@assay/api-types/assessment';
import { executeChange } from './execute-change';

type ApproveRequest = components['schemas']['ApproveRequest'];
type ReturnRequest = components['schemas']['ReturnRequest'];

/** The review lifecycle over HTTP. Each step takes If-Match: a newer version answers 409. */
@Controller('v1/assessments/:assessmentId')
export class AssessmentLifecycleHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  @Requires('assessment:write')
  @Post('submit')
  @HttpCode(200)
  submit(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Headers('if-match') ifMatch: string | undefined, @Req() req: Request & { context: RequestContext }, @Res({ passthrough: true }) res: Response) {
    return executeChange(this.commandBus, p, id, () => ({ type: 'SubmitAssessment', data: { assessmentId: id, by: p.subject, now: new Date() } }), ifMatch, req, res);
  }

  @Requires('assessment:review')
  @Post('review')
  @HttpCode(200)
  review(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Headers('if-match') ifMatch: string | undefined, @Req() req: Request & { context: RequestContext }, @Res({ passthrough: true }) res: Response) {
    return executeChange(this.commandBus, p, id, () => ({ type: 'StartReview', data: { assessmentId: id, by: p.subject, now: new Date() } }), ifMatch, req, res);
  }

  @Requires('assessment:review')
  @Post('approve')
  @HttpCode(200)
  approve(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Request & { context: RequestContext }, @Res({ passthrough: true }) res: Response) {
    const { comment } = this.contract.validate<ApproveRequest>('ApproveRequest', body ?? {});
    return executeChange(this.commandBus, p, id, () => ({ type: 'ApproveAssessment', data: { assessmentId: id, comment, by: p.subject, now: new Date() } }), ifMatch, req, res);
  }

  @Requires('assessment:review')
  @Post('return')
  @HttpCode(200)
  giveBack(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Request & { context: RequestContext }, @Res({ passthrough: true }) res: Response) {
    const { comments } = this.contract.validate<ReturnRequest>('ReturnRequest', body);
    return executeChange(this.commandBus, p, id, () => ({ type: 'ReturnAssessment', data: { assessmentId: id, comments, by: p.subject, now: new Date() } }), ifMatch, req, res);
  }

  @Requires('assessment:write')
  @Post('answers/:questionId/confirm')
  @HttpCode(200)
  confirm(
    @CurrentPrincipal() p: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) id: string,
    @Param('questionId') questionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Request & { context: RequestContext },
    @Res({ passthrough: true }) res: Response,
  ) {
    return executeChange(this.commandBus, p, id, () => ({ type: 'ConfirmAnswer', data: { assessmentId: id, questionId, by: p.subject, now: new Date() } }), ifMatch, req, res);
  }
}

