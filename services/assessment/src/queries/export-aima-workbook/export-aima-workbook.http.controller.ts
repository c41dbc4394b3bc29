import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Response } from 'express';
import { writeAimaWorkbook } from '@assay/framework-interchange';
import { CurrentPrincipal } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { GetAssessmentQuery, AssessmentView } from '../get-assessment/get-assessment.query';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The assessment's answers in the OWASP AIMA toolkit layout, ready to reopen in a spreadsheet. */
@Controller('v1/assessments/:assessmentId/exports')
export class ExportAimaWorkbookHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('aima-workbook')
  async export(@CurrentPrincipal() principal: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Res() response: Response): Promise<void> {
    const view = await this.queryBus.execute<GetAssessmentQuery, AssessmentView>(new GetAssessmentQuery(principal.tenantId, assessmentId));
    const answers = Object.fromEntries(view.answers.map((a) => [a.questionId, a.value]));
    const file = await writeAimaWorkbook(answers);
    response
      .status(200)
      .type(XLSX_MEDIA_TYPE)
      .setHeader('Content-Disposition', `attachment; filename="aima-${assessmentId}.xlsx"`)
      .send(file);
  }
}
