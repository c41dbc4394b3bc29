import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CommandOutcome, PostgresEventStore, StreamCommandQueue, StreamStateCache, retryOnConflict, runCommand } from '@assay/event-store';
import { RequestContext, metadataOf } from '@assay/service-kit';
import { AssessmentCommand, FrameworkLookup } from '../domain/assessment.commands';
import { FrameworkNotLoaded } from '../domain/assessment.errors';
import { assessmentFrameworks } from './assessment-frameworks';
import { AssessmentState, assessmentDecider } from '../domain/assessment.decider';
import { AssessmentEvent } from '../domain/assessment.events';
import { PersonalDataCodec, TenantKeyStore } from '@assay/personal-data';
import { ASSESSMENT_SCHEMA } from './assessment-schema';
import { ASSESSMENT_PERSONAL_FIELDS } from './personal-fields';
import { assessmentSummaries } from './assessment-summaries';

export { ASSESSMENT_SCHEMA } from './assessment-schema';


/** Tenant data keys of this service, for the personal fields of its events. */
export const assessmentKeys = new TenantKeyStore(ASSESSMENT_SCHEMA);
export const assessmentStore = new PostgresEventStore(ASSESSMENT_SCHEMA, new PersonalDataCodec(assessmentKeys, ASSESSMENT_PERSONAL_FIELDS));
export const assessmentStreamId = (assessmentId: string) => `assessment-${assessmentId}`;
/** Recently used assessments' state, so a command does not replay the stream (see StreamStateCache). */
const assessmentStates = new StreamStateCache<AssessmentState>();
/** One command per assessment at a time in this process, so they do not race each other (see StreamCommandQueue). */
const assessmentCommands = new StreamCommandQueue();

/**
 * Decide → append for one assessment under the caller's tenant, from cached state when it can
 * (one round trip), else load → decide → append in a tenant transaction (see runCommand), after
 * the assessment's earlier commands in this process.
 * Without If-Match a lost race is retried against the newer state; with it, it is the client's 409.
 */
export function runAssessmentCommand(
  pool: Pool,
  tenantId: string,
  command: AssessmentCommand,
  request: RequestContext,
  expectedVersion?: number,
): Promise<CommandOutcome<AssessmentEvent, AssessmentState>> {
  const context = {
    tenantId,
    streamId: assessmentStreamId(command.data.assessmentId),
    expectedVersion,
    newEventId: randomUUID,
    now: command.data.now,
    metadata: metadataOf(request),
  };
  const work = () => runCommand(pool, assessmentStore, assessmentDecider, command, context, assessmentStates, assessmentSummaries);
  return assessmentCommands.run(tenantId, context.streamId, () => retryOnConflict(work, 5, expectedVersion !== undefined));
}

/**
 * runAssessmentCommand with the tenant's framework lookup: when the assessment pins a version this
 * process has not seen yet, it is loaded and the command runs once more.
 */
export async function runWithFrameworks(
  pool: Pool,
  tenantId: string,
  build: (frameworks: FrameworkLookup) => AssessmentCommand,
  request: RequestContext,
  expectedVersion?: number,
): Promise<CommandOutcome<AssessmentEvent, AssessmentState>> {
  const attempt = () => runAssessmentCommand(pool, tenantId, build(assessmentFrameworks.lookupFor(tenantId)), request, expectedVersion);
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof FrameworkNotLoaded)) throw error;
    await assessmentFrameworks.load(pool, tenantId, error.frameworkId, error.frameworkVersion);
    return attempt();
  }
}
