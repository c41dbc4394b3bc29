import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Request } from 'express';
import { CurrentPrincipal, RequestContext, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { ImportWorkbookCommand, WorkbookImported } from './import-workbook.command';

@Controller('v1/assessments/:assessmentId/imports')
export class ImportWorkbookHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Body: the .xlsx bytes (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, at most 2 MB). */
  @Requires('assessment:write')
  @Post(':format')
  @HttpCode(200)
  import(
    @CurrentPrincipal() principal: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Param('format') format: string,
    @Body() file: Buffer,
    @Req() request: Request & { context: RequestContext },
  ): Promise<WorkbookImported> {
    return this.commandBus.execute(new ImportWorkbookCommand(principal, assessmentId, format, file, request.context));
  }
}
