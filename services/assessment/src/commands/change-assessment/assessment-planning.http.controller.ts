import { Body, Controller, Headers, Inject, Param, ParseUUIDPipe, Put, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Request, Response } from 'express';
import { CurrentPrincipal, OPENAPI, OpenApiContract, Requires, RequestContext } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import type { components } from '@assay/api-types/assessment';
import { executeChange } from './execute-change';

type AssignRequest = components['schemas']['AssignRequest'];
type TargetRequest = components['schemas']['TargetRequest'];
type RiskAcceptanceRequest = components['schemas']['RiskAcceptanceRequest'];
type Ctx = Request & { context: RequestContext };

/** Who answers what, where each node should get to, and which control risks are accepted. */
@Controller('v1/assessments/:assessmentId')
export class AssessmentPlanningHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  @Requires('assessment:write')
  @Put('assignees/:nodeId')
  assign(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Param('nodeId') nodeId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const { assignee } = this.contract.validate<AssignRequest>('AssignRequest', body);
    return executeChange(this.commandBus, p, id, (frameworks) => ({ type: 'AssignItem', data: { assessmentId: id, nodeId, assignee, by: p.subject, now: new Date(), frameworks } }), ifMatch, req, res);
  }

  @Requires('assessment:write')
  @Put('targets/:nodeId')
  target(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Param('nodeId') nodeId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const { target } = this.contract.validate<TargetRequest>('TargetRequest', body);
    return executeChange(this.commandBus, p, id, (frameworks) => ({ type: 'SetTarget', data: { assessmentId: id, nodeId, target, by: p.subject, now: new Date(), frameworks } }), ifMatch, req, res);
  }

  @Requires('assessment:write')
  @Put('risk-acceptances/:controlId')
  acceptRisk(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Param('controlId') controlId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const { reason, owner, expiresOn } = this.contract.validate<RiskAcceptanceRequest>('RiskAcceptanceRequest', body);
    return executeChange(this.commandBus, p, id, (frameworks) => ({ type: 'AcceptRisk', data: { assessmentId: id, controlId, reason, owner, expiresOn, by: p.subject, now: new Date(), frameworks } }), ifMatch, req, res);
  }
}
