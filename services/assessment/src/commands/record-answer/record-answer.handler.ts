import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { APP_POOL } from '@assay/service-kit';
import { asProblem } from '../../http/assessment-problem';
import { runWithFrameworks } from '../../infrastructure/assessment-store';
import { AnswerRecordedResponse, RecordAnswerCommand } from './record-answer.command';

@CommandHandler(RecordAnswerCommand)
export class RecordAnswerHandler implements ICommandHandler<RecordAnswerCommand, AnswerRecordedResponse> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute(command: RecordAnswerCommand): Promise<AnswerRecordedResponse> {
    const { principal, assessmentId, questionId, body, request, expectedVersion } = command;
    try {
      const outcome = await runWithFrameworks(
        this.pool,
        principal.tenantId,
        (frameworks) => ({ type: 'RecordAnswer', data: { assessmentId, questionId, value: body.value, note: body.note, recordedBy: principal.subject, now: new Date(), frameworks } }),
        request,
        expectedVersion,
      );
      return { assessmentId, questionId, value: body.value, version: outcome.version };
    } catch (error) {
      throw asProblem(error);
    }
  }
}
