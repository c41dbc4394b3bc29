import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { components } from '@assay/api-types/reporting';
import { CurrentPrincipal, NotFoundProblem, OPENAPI, OpenApiContract, ProblemError, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { instant } from '../queries/query-params';
import { ReportFormat, ReportRecord } from '../read-models/report-entities';
import { REPORT_FORMATS, ReportJobs } from './report-jobs';

type Schemas = components['schemas'];

const EXTENSIONS: Record<ReportFormat, string> = { json: 'json', csv: 'csv', xlsx: 'xlsx', html: 'html', pdf: 'pdf' };

@Controller('v1/reports')
export class ReportsHttpController {
  constructor(
    private readonly jobs: ReportJobs,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  private async view(tenantId: string, report: ReportRecord): Promise<Schemas['Report']> {
    const files = report.state === 'succeeded' ? await this.jobs.files(tenantId, report.reportId) : [];
    return {
      id: report.reportId,
      assessmentId: report.assessmentId,
      asOf: report.asOf.toISOString(),
      formats: report.formats,
      state: report.state,
      progress: report.progress,
      positions: report.positions,
      rebuiltFrom: report.rebuiltFrom,
      requestedAt: report.requestedAt.toISOString(),
      finishedAt: report.finishedAt?.toISOString() ?? null,
      ...(report.error ? { error: report.error } : {}),
      files: files.map((f) => ({ format: f.format, contentType: f.contentType, bytes: f.byteLength, sha256: f.sha256, href: `/v1/reports/${report.reportId}/files/${f.format}` })),
    };
  }

  @Requires('reports:create')
  @Post()
  @HttpCode(202)
  async request(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<Schemas['Report']> {
    const input = this.contract.validate<Schemas['ReportRequest']>('ReportRequest', body);
    const formats = [...new Set(input.formats ?? REPORT_FORMATS)];
    const report = await this.jobs.request(principal.tenantId, { assessmentId: input.assessmentId, asOf: instant('asOf', input.asOf), formats });
    return this.view(principal.tenantId, report);
  }

  @Requires('reports:create')
  @Post(':reportId/rebuild')
  @HttpCode(202)
  async rebuild(@CurrentPrincipal() principal: Principal, @Param('reportId', new ParseUUIDPipe()) reportId: string): Promise<Schemas['Report']> {
    return this.view(principal.tenantId, await this.jobs.rebuild(principal.tenantId, reportId));
  }

  @Requires('scores:read')
  @Get(':reportId')
  async status(@CurrentPrincipal() principal: Principal, @Param('reportId', new ParseUUIDPipe()) reportId: string): Promise<Schemas['Report']> {
    const report = await this.jobs.find(principal.tenantId, reportId);
    if (!report) throw new NotFoundProblem(`report ${reportId}`);
    return this.view(principal.tenantId, report);
  }

  @Requires('scores:read')
  @Get(':reportId/files/:format')
  async download(@CurrentPrincipal() principal: Principal, @Param('reportId', new ParseUUIDPipe()) reportId: string, @Param('format') format: string, @Res() response: Response): Promise<void> {
    if (!REPORT_FORMATS.includes(format as ReportFormat)) throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Request is invalid', `format must be one of ${REPORT_FORMATS.join(', ')}`);
    const file = await this.jobs.file(principal.tenantId, reportId, format as ReportFormat);
    if (!file) throw new NotFoundProblem(`the ${format} file of report ${reportId}`);
    response
      .status(200)
      .set({
        'content-type': file.contentType,
        'content-length': String(file.byteLength),
        'content-disposition': `attachment; filename="assay-report-${reportId}.${EXTENSIONS[file.format]}"`,
        etag: `"${file.sha256}"`,
        'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
      })
      .end(file.content);
  }
}
