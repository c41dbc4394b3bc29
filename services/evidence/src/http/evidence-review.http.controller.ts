import { Body, Controller, Delete, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { Pool } from 'pg';
import { APP_POOL, CurrentPrincipal, OPENAPI, OpenApiContract, RequestContext, Requires, etagOf, metadataOf, versionFromIfMatch } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { resolveLinkTarget } from '../commands/resolve-link-target';
import { EvidenceCommand } from '../domain/evidence.commands';
import { HeldEvidence } from '../domain/evidence.decider';
import { runEvidenceCommand } from '../infrastructure/evidence-store';
import { toEvidenceView } from '../queries/evidence-view';
import { orProblem } from './evidence-problem';

type Ctx = Request & { context: RequestContext };

/** A reviewer's verdict, the uploader's validity, and the items each evidence backs. If-Match is honoured on each. */
@Controller('v1/evidence/:evidenceId')
export class EvidenceReviewHttpController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  @Requires('evidence:review')
  @Post('verify')
  @HttpCode(200)
  verify(@CurrentPrincipal() p: Principal, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const { revision, note } = this.contract.validate<{ revision: number; note?: string }>('VerifyEvidenceRequest', body);
    return this.run(p, { type: 'VerifyEvidence', data: { evidenceId, revision, note, by: p.subject, now: new Date() } }, ifMatch, req, res);
  }

  @Requires('evidence:review')
  @Post('reject')
  @HttpCode(200)
  reject(@CurrentPrincipal() p: Principal, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const { revision, reason } = this.contract.validate<{ revision: number; reason: string }>('RejectEvidenceRequest', body);
    return this.run(p, { type: 'RejectEvidence', data: { evidenceId, revision, reason, by: p.subject, now: new Date() } }, ifMatch, req, res);
  }

  @Requires('evidence:write')
  @Put('validity')
  validity(@CurrentPrincipal() p: Principal, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const { validUntil } = this.contract.validate<{ validUntil: string | null }>('ChangeValidityRequest', body);
    return this.run(p, { type: 'ChangeValidity', data: { evidenceId, validUntil: validUntil ?? undefined, by: p.subject, now: new Date() } }, ifMatch, req, res);
  }

  @Requires('evidence:write')
  @Post('links')
  @HttpCode(200)
  async link(@CurrentPrincipal() p: Principal, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const target = this.contract.validate<{ assessmentId: string; nodeId: string }>('LinkEvidenceRequest', body);
    const link = await resolveLinkTarget(this.pool, p.tenantId, target);
    return this.run(p, { type: 'LinkEvidence', data: { evidenceId, link, by: p.subject, now: new Date() } }, ifMatch, req, res);
  }

  @Requires('evidence:write')
  @Delete('links/:assessmentId/:nodeId')
  unlink(
    @CurrentPrincipal() p: Principal,
    @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Param('nodeId') nodeId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() req: Ctx,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(p, { type: 'UnlinkEvidence', data: { evidenceId, link: { assessmentId, nodeId }, by: p.subject, now: new Date() } }, ifMatch, req, res);
  }

  private async run(p: Principal, command: EvidenceCommand, ifMatch: string | undefined, req: Ctx, res: Response) {
    const outcome = await orProblem(() => runEvidenceCommand(this.pool, p.tenantId, command, metadataOf(req.context), versionFromIfMatch(ifMatch)));
    res.setHeader('ETag', etagOf(outcome.version));
    return toEvidenceView(outcome.state as HeldEvidence);
  }
}
