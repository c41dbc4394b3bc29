import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { APP_POOL } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { asProblem } from '../../http/assessment-problem';
import { assessmentFrameworks } from '../../infrastructure/assessment-frameworks';
import { lastApproved, systemScope } from '../../infrastructure/assessment-sources';
import { runAssessmentCommand } from '../../infrastructure/assessment-store';
import { AssessmentCreated, StartAssessmentCommand } from './start-assessment.command';

@CommandHandler(StartAssessmentCommand)
export class StartAssessmentHandler implements ICommandHandler<StartAssessmentCommand, AssessmentCreated> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ principal, body, request }: StartAssessmentCommand): Promise<AssessmentCreated> {
    const assessmentId = randomUUID();
    try {
      // The tenant's own import may have been made through another process: load it first.
      await assessmentFrameworks.load(this.pool, principal.tenantId, body.frameworkId, body.frameworkVersion);
      const frameworks = assessmentFrameworks.lookupFor(principal.tenantId);
      const { frameworkId, frameworkVersion, title, systemId, continueFrom } = body;
      const { scope, source } = await withTenantTransaction(this.pool, principal.tenantId, async (client) => ({
        scope: systemId ? await systemScope(client, principal.tenantId, systemId) : undefined,
        source: continueFrom === 'last-approved' ? await lastApproved(client, principal.tenantId, frameworkId, frameworkVersion, systemId) : undefined,
      }));
      const outcome = await runAssessmentCommand(
        this.pool,
        principal.tenantId,
        {
          type: 'StartAssessment',
          data: {
            assessmentId, frameworkId, frameworkVersion, title, startedBy: principal.subject, now: new Date(), frameworks,
            ...(scope ? { scope } : {}),
            ...(source ? { basedOn: { kind: 'reassessment' as const, source } } : {}),
          },
        },
        request,
      );
      const version = scope?.kind === 'system' ? await this.catchUpWithProfile(principal.tenantId, assessmentId, scope.systemId, request) : undefined;
      return { id: assessmentId, version: version ?? outcome.version };
    } catch (error) {
      throw asProblem(error);
    }
  }

  /**
   * The profile was read before the start committed; a profile change committing in between could
   * not see this assessment yet. Read it again now that the start is visible, and re-evaluate if it
   * moved on: any later change finds the assessment itself.
   */
  private async catchUpWithProfile(tenantId: string, assessmentId: string, systemId: string, request: StartAssessmentCommand['request']): Promise<number | undefined> {
    const now = await withTenantTransaction(this.pool, tenantId, (client) => systemScope(client, tenantId, systemId).catch(() => undefined));
    if (now?.kind !== 'system') return undefined;
    const outcome = await runAssessmentCommand(
      this.pool,
      tenantId,
      { type: 'ReevaluateApplicability', data: { assessmentId, systemVersion: now.systemVersion, profile: now.profile, now: new Date(), frameworks: assessmentFrameworks.lookupFor(tenantId) } },
      request,
    );
    return outcome.version;
  }
}
