import { createHash } from 'node:crypto';
import { HttpStatus, Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { AnswerValue } from '@assay/frameworks';
import { WorkbookImportError, workbookFormat } from '@assay/framework-interchange';
import { APP_POOL, NotFoundProblem, ProblemError } from '@assay/service-kit';
import { asProblem } from '../../http/assessment-problem';
import { runWithFrameworks } from '../../infrastructure/assessment-store';
import { ImportWorkbookCommand, WorkbookImported } from './import-workbook.command';

/** An .xlsx is a zip: checked by its first bytes, not by the name or the declared type. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

@CommandHandler(ImportWorkbookCommand)
export class ImportWorkbookHandler implements ICommandHandler<ImportWorkbookCommand, WorkbookImported> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ principal, assessmentId, format: slug, file, request }: ImportWorkbookCommand): Promise<WorkbookImported> {
    const format = workbookFormat(slug);
    if (!format) throw new NotFoundProblem(`workbook format ${slug}`);
    if (!Buffer.isBuffer(file) || file.length < ZIP_MAGIC.length || !file.subarray(0, 4).equals(ZIP_MAGIC)) {
      throw new ProblemError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', 'Not an .xlsx workbook', 'The body must be the .xlsx file itself.');
    }
    const sha256 = createHash('sha256').update(file).digest('hex');
    let answers: Record<string, AnswerValue>;
    try {
      ({ answers } = await format.read(file));
    } catch (error) {
      if (!(error instanceof WorkbookImportError)) throw error;
      throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'workbook-invalid', 'The workbook cannot be imported', error.message, {
        errors: error.problems.map((p) => ({ pointer: p.cell, detail: p.message })),
      });
    }
    try {
      const outcome = await runWithFrameworks(
        this.pool,
        principal.tenantId,
        (frameworks) => ({
          type: 'ImportAnswers',
          data: { assessmentId, answers, madeFor: format.framework, source: { kind: format.slug, sha256, byteLength: file.length }, importedBy: principal.subject, now: new Date(), frameworks },
        }),
        request,
      );
      const marker = outcome.events[0];
      const answersChanged = marker?.type === 'AnswersImported' ? marker.data.answersChanged : 0;
      return { assessmentId, answersInFile: Object.keys(answers).length, answersChanged, sha256, version: outcome.version };
    } catch (error) {
      throw asProblem(error);
    }
  }
}
