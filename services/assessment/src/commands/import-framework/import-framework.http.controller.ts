import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Request } from 'express';
import { CurrentPrincipal, ProblemError, RequestContext, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { CsvOverlayTarget, FrameworkImported, FrameworkUploadFormat, ImportFrameworkCommand } from './import-framework.command';

/** Media types of framework documents; read as text (up to 1 MB) and parsed by the importer. */
export const FRAMEWORK_MEDIA_TYPES: Record<string, FrameworkUploadFormat> = {
  'application/vnd.assay.framework+json': 'json',
  'application/yaml': 'yaml',
  'text/csv': 'csv-overlay',
};

@Controller('v1/frameworks/imports')
export class ImportFrameworkHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Requires('framework:import')

  @Post()
  @HttpCode(201)
  import(
    @CurrentPrincipal() principal: Principal,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Query() query: Record<string, string | undefined>,
    @Req() request: Request & { context: RequestContext },
  ): Promise<FrameworkImported> {
    const format = FRAMEWORK_MEDIA_TYPES[(contentType ?? '').split(';')[0].trim().toLowerCase()];
    if (!format || typeof body !== 'string') {
      throw new ProblemError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', 'Unsupported framework format', `Send one of ${Object.keys(FRAMEWORK_MEDIA_TYPES).join(', ')}.`);
    }
    const overlay: CsvOverlayTarget | undefined =
      format === 'csv-overlay' && query.base && query.baseVersion && query.version && query.spdx && query.attribution
        ? { base: query.base, baseVersion: query.baseVersion, version: query.version, spdx: query.spdx, attribution: query.attribution }
        : undefined;
    return this.commandBus.execute(new ImportFrameworkCommand(principal, format, body, request.context, overlay));
  }
}
