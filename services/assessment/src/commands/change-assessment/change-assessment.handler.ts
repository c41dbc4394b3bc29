import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { APP_POOL } from '@assay/service-kit';
import { asProblem } from '../../http/assessment-problem';
import { runWithFrameworks } from '../../infrastructure/assessment-store';
import { AssessmentChanged, ChangeAssessmentCommand } from './change-assessment.command';

@CommandHandler(ChangeAssessmentCommand)
export class ChangeAssessmentHandler implements ICommandHandler<ChangeAssessmentCommand, AssessmentChanged> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ principal, assessmentId, build, request, expectedVersion }: ChangeAssessmentCommand): Promise<AssessmentChanged> {
    try {
      const outcome = await runWithFrameworks(this.pool, principal.tenantId, build, request, expectedVersion);
      const status = outcome.state.status === 'not-started' ? 'draft' : outcome.state.status;
      return { assessmentId, status, changed: outcome.events.length > 0, version: outcome.version };
    } catch (error) {
      throw asProblem(error);
    }
  }
}
