import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Request, Response } from 'express';
import { CurrentPrincipal, Idempotent, OPENAPI, OpenApiContract, Requires, RequestContext, etagOf, versionFromIfMatch } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { GetAiSystemQuery, ListAiSystemsQuery } from '../../queries/ai-systems/ai-system.queries';
import { AiSystemChangeRequest, AiSystemRequest, ChangeAiSystemCommand, RegisterAiSystemCommand } from './ai-system.commands';
import { AiSystemWritten } from './ai-system.handlers';

type Ctx = Request & { context: RequestContext };

/** The AI system inventory: what an assessment can target, with the profile that scopes it. */
@Controller('v1/ai-systems')
export class AiSystemsHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  @Requires('system:write')
  @Idempotent('register-ai-system')
  @Post()
  @HttpCode(201)
  async register(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const valid = this.contract.validate<AiSystemRequest>('AiSystemRequest', body);
    const written = await this.commandBus.execute<RegisterAiSystemCommand, AiSystemWritten>(new RegisterAiSystemCommand(p, valid, req.context));
    res.setHeader('Location', `/v1/ai-systems/${written.system.id}`);
    res.setHeader('ETag', etagOf(written.streamVersion));
    return written.system;
  }

  @Requires('system:read')
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query('archived') archived: string | undefined, @Query('limit') limit: string | undefined, @Query('cursor') cursor: string | undefined) {
    return this.queryBus.execute(new ListAiSystemsQuery(p.tenantId, archived, limit, cursor));
  }

  @Requires('system:read')
  @Get(':systemId')
  async get(@CurrentPrincipal() p: Principal, @Param('systemId', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response) {
    const written = await this.queryBus.execute<GetAiSystemQuery, AiSystemWritten>(new GetAiSystemQuery(p.tenantId, id));
    res.setHeader('ETag', etagOf(written.streamVersion));
    return written.system;
  }

  @Requires('system:write')
  @Patch(':systemId')
  async change(@CurrentPrincipal() p: Principal, @Param('systemId', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const valid = this.contract.validate<AiSystemChangeRequest>('AiSystemChangeRequest', body);
    return this.write(new ChangeAiSystemCommand(p, id, { kind: 'change', body: valid }, req.context, versionFromIfMatch(ifMatch)), res);
  }

  @Requires('system:write')
  @Post(':systemId/archive')
  @HttpCode(200)
  archive(@CurrentPrincipal() p: Principal, @Param('systemId', new ParseUUIDPipe()) id: string, @Headers('if-match') ifMatch: string | undefined, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    return this.write(new ChangeAiSystemCommand(p, id, { kind: 'archive' }, req.context, versionFromIfMatch(ifMatch)), res);
  }

  private async write(command: ChangeAiSystemCommand, res: Response) {
    const written = await this.commandBus.execute<ChangeAiSystemCommand, AiSystemWritten>(command);
    res.setHeader('ETag', etagOf(written.streamVersion));
    return written.system;
  }
}
