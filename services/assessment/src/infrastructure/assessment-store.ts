import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CommandOutcome, PostgresEventStore, handleCommand, retryOnConflict } from '@assay/event-store';
import { RequestContext } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { AssessmentCommand } from '../domain/assessment.commands';
import { assessmentDecider } from '../domain/assessment.decider';
import { AssessmentEvent } from '../domain/assessment.events';

export const ASSESSMENT_SCHEMA = 'assessment';
export const assessmentStore = new PostgresEventStore(ASSESSMENT_SCHEMA);
export const assessmentStreamId = (assessmentId: string) => `assessment-${assessmentId}`;

/**
 * Load → decide → append for one assessment, in a transaction scoped to the caller's tenant.
 * Without If-Match a lost race is retried against the newer state; with it, it is the client's 409.
 */
export function runAssessmentCommand(
  pool: Pool,
  tenantId: string,
  command: AssessmentCommand,
  request: RequestContext,
  expectedVersion?: number,
): Promise<CommandOutcome<AssessmentEvent>> {
  const work = () =>
    withTenantTransaction(pool, tenantId, (client) =>
      handleCommand(assessmentStore, client, assessmentDecider, command, {
        tenantId,
        streamId: assessmentStreamId(command.data.assessmentId),
        expectedVersion,
        newEventId: randomUUID,
        now: command.data.now,
        metadata: { correlationId: request.correlationId, causationId: request.correlationId, traceparent: request.traceparent },
      }),
    );
  return retryOnConflict(work, 3, expectedVersion !== undefined);
}
