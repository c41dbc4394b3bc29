import { createHash } from 'node:crypto';
import { HttpStatus, Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { WorkbookImportError, readAimaWorkbook } from '@assay/framework-interchange';
import { APP_POOL, ProblemError } from '@assay/service-kit';
import { asProblem } from '../../http/assessment-problem';
import { runAssessmentCommand } from '../../infrastructure/assessment-store';
import { ImportAimaWorkbookCommand, WorkbookImported } from './import-aima-workbook.command';

/** An .xlsx is a zip: checked by its first bytes, not by the name or the declared type. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

@CommandHandler(ImportAimaWorkbookCommand)
export class ImportAimaWorkbookHandler implements ICommandHandler<ImportAimaWorkbookCommand, WorkbookImported> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ principal, assessmentId, file, request }: ImportAimaWorkbookCommand): Promise<WorkbookImported> {
    if (!Buffer.isBuffer(file) || file.length < ZIP_MAGIC.length || !file.subarray(0, 4).equals(ZIP_MAGIC)) {
      throw new ProblemError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', 'Not an .xlsx workbook', 'The body must be the .xlsx file itself.');
    }
    const sha256 = createHash('sha256').update(file).digest('hex');
    let answers: Record<string, number | null>;
    try {
      ({ answers } = await readAimaWorkbook(file));
    } catch (error) {
      if (!(error instanceof WorkbookImportError)) throw error;
      throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'workbook-invalid', 'The workbook cannot be imported', error.message, {
        errors: error.problems.map((p) => ({ pointer: p.cell, detail: p.message })),
      });
    }
    try {
      const outcome = await runAssessmentCommand(
        this.pool,
        principal.tenantId,
        { type: 'ImportAnswers', data: { assessmentId, answers, source: { kind: 'aima-workbook', sha256, byteLength: file.length }, importedBy: principal.subject, now: new Date() } },
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
