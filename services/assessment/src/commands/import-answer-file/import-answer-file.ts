import { createHash } from 'node:crypto';
import { Body, Controller, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { Request } from 'express';
import { Pool } from 'pg';
import { AnswerFileError, readAnswerFile } from '@assay/framework-interchange';
import { APP_POOL, CurrentPrincipal, NotFoundProblem, ProblemError, Requires, RequestContext } from '@assay/service-kit';
import { Principal, withTenantTransaction } from '@assay/tenancy';
import type { components } from '@assay/api-types/assessment';
import { asProblem } from '../../http/assessment-problem';
import { assessmentFrameworks } from '../../infrastructure/assessment-frameworks';
import { existingAssessment } from '../../infrastructure/assessment-sources';
import { runWithFrameworks } from '../../infrastructure/assessment-store';

type AnswersImported = components['schemas']['WorkbookImported'];
type Ctx = Request & { context: RequestContext };

/**
 * Filled questionnaires as CSV or JSON for any framework (contracts/frameworks/README.md): every
 * row checked against the pinned definition first, all recorded together or none, and a refused
 * file answered with every bad row (row, column, value, reason).
 */
@Controller('v1/assessments/:assessmentId/imports')
export class ImportAnswerFileHttpController {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  /** Body: text/csv with the header questionId,value[,note]. */
  @Requires('assessment:write')
  @Post('csv')
  @HttpCode(200)
  csv(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Ctx) {
    if (typeof body !== 'string') throw new ProblemError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', 'Not a CSV file', 'Send the file as text/csv.');
    return this.importFile(p, id, body, 'csv', req.context);
  }

  /** Body: application/json (up to 64 kB) or application/vnd.assay.answers+json (up to 1 MB). */
  @Requires('assessment:write')
  @Post('json')
  @HttpCode(200)
  json(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) id: string, @Body() body: unknown, @Req() req: Ctx) {
    if (body === undefined || Buffer.isBuffer(body)) throw new ProblemError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', 'Not a JSON document', 'Send application/json or application/vnd.assay.answers+json.');
    return this.importFile(p, id, typeof body === 'string' ? body : JSON.stringify(body), 'json', req.context);
  }

  private async importFile(p: Principal, assessmentId: string, text: string, format: 'csv' | 'json', request: RequestContext): Promise<AnswersImported> {
    try {
      const assessment = await withTenantTransaction(this.pool, p.tenantId, (client) => existingAssessment(client, p.tenantId, assessmentId));
      await assessmentFrameworks.load(this.pool, p.tenantId, assessment.frameworkId, assessment.frameworkVersion);
      const definition = assessmentFrameworks.lookupFor(p.tenantId)(assessment.frameworkId, assessment.frameworkVersion);
      if (!definition) throw new NotFoundProblem(`framework ${assessment.frameworkId} ${assessment.frameworkVersion}`);
      const { answers, notes } = readAnswerFile(text, format, definition);
      const sha256 = createHash('sha256').update(text).digest('hex');
      const byteLength = Buffer.byteLength(text);
      const outcome = await runWithFrameworks(
        this.pool,
        p.tenantId,
        (frameworks) => ({ type: 'ImportAnswers', data: { assessmentId, answers, notes, source: { kind: format, sha256, byteLength }, importedBy: p.subject, now: new Date(), frameworks } }),
        request,
      );
      const marker = outcome.events[0];
      return { assessmentId, answersInFile: Object.keys(answers).length, answersChanged: marker?.type === 'AnswersImported' ? marker.data.answersChanged : 0, sha256, version: outcome.version };
    } catch (error) {
      if (error instanceof AnswerFileError) {
        throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'answers-invalid', 'The answer file cannot be imported', `${error.problems.length} row(s) refused; nothing was imported`, {
          errors: error.problems.map((e) => ({ pointer: `row ${e.row}/${e.column}`, detail: e.reason, row: e.row, column: e.column, value: e.value })),
        });
      }
      throw asProblem(error);
    }
  }
}
