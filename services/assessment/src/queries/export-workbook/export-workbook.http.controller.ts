import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Response } from 'express';
import { workbookFormat } from '@assay/framework-interchange';
import { CurrentPrincipal, NotFoundProblem, ProblemError, Requires } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { assessmentFrameworks } from '../../infrastructure/assessment-frameworks';
import { GetAssessmentQuery, AssessmentView } from '../get-assessment/get-assessment.query';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The assessment's answers in a publisher's workbook layout, ready to reopen in a spreadsheet. */
@Controller('v1/assessments/:assessmentId/exports')
export class ExportWorkbookHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Requires('assessment:read')

  @Get(':format')
  async export(
    @CurrentPrincipal() principal: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Param('format') slug: string,
    @Res() response: Response,
  ): Promise<void> {
    const format = workbookFormat(slug);
    if (!format) throw new NotFoundProblem(`workbook format ${slug}`);
    const view = await this.queryBus.execute<GetAssessmentQuery, AssessmentView>(new GetAssessmentQuery(principal.tenantId, assessmentId));
    const definition = assessmentFrameworks.lookupFor(principal.tenantId)(view.frameworkId, view.frameworkVersion);
    if (!definition || format.framework.id !== view.frameworkId || format.framework.version !== view.frameworkVersion) {
      throw new ProblemError(422, 'format-mismatch', 'File made for another framework', `the ${slug} layout is made for ${format.framework.id} ${format.framework.version}; this assessment pins ${view.frameworkId} ${view.frameworkVersion}`);
    }
    const file = await format.write(Object.fromEntries(view.answers.map((a) => [a.questionId, a.value])), definition);
    response
      .status(200)
      .type(XLSX_MEDIA_TYPE)
      .setHeader('Content-Disposition', `attachment; filename="${slug}-${assessmentId}.xlsx"`)
      .send(file);
  }
}
