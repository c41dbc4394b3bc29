import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { loadAggregate } from '@assay/event-store';
import { APP_POOL, ProblemError } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { assessmentDecider } from '../../domain/assessment.decider';
import { AssessmentRuleError } from '../../domain/assessment.errors';
import { asProblem } from '../../http/assessment-problem';
import { assessmentFrameworks } from '../../infrastructure/assessment-frameworks';
import { lastApproved, systemScope } from '../../infrastructure/assessment-sources';
import { assessmentStore, assessmentStreamId, runAssessmentCommand } from '../../infrastructure/assessment-store';
import { AssessmentCreated, StartAssessmentCommand } from './start-assessment.command';

/**
 * With an Idempotency-Key the assessment id is derived from (tenant, key), so a retried request
 * lands on the same stream: the second attempt finds it started and gets the same answer back.
 */
@CommandHandler(StartAssessmentCommand)
export class StartAssessmentHandler implements ICommandHandler<StartAssessmentCommand, AssessmentCreated> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ principal, body, request, idempotencyKey }: StartAssessmentCommand): Promise<AssessmentCreated> {
    const assessmentId = idempotencyKey ? idFromKey(principal.tenantId, idempotencyKey) : randomUUID();
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
      return { id: assessmentId, version: outcome.version };
    } catch (error) {
      if (idempotencyKey && error instanceof AssessmentRuleError && error.code === 'already-started') {
        return this.replay(principal.tenantId, assessmentId, body);
      }
      throw asProblem(error);
    }
  }

  private async replay(tenantId: string, assessmentId: string, body: StartAssessmentCommand['body']): Promise<AssessmentCreated> {
    const { state, version } = await withTenantTransaction(this.pool, tenantId, (client) =>
      loadAggregate(assessmentStore, client, assessmentDecider, tenantId, assessmentStreamId(assessmentId)),
    );
    const same =
      state.status !== 'not-started' &&
      state.frameworkId === body.frameworkId &&
      state.frameworkVersion === body.frameworkVersion &&
      state.title === body.title;
    if (!same) {
      throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'idempotency-key-reused', 'Idempotency key reused', 'This Idempotency-Key was used for a different request.');
    }
    return { id: assessmentId, version };
  }
}

function idFromKey(tenantId: string, key: string): string {
  const hex = createHash('sha256').update(`${tenantId}:start-assessment:${key}`).digest('hex');
  // Shape it as an RFC 9562 version-8 (custom) UUID.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
