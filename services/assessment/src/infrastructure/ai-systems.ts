import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { CommandOutcome, handleCommand, retryOnConflict } from '@assay/event-store';
import { RequestContext, metadataOf } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { AiSystemCommand, AiSystemEvent, AiSystemState, aiSystemDecider, aiSystemStreamId } from '../domain/ai-system';
import { assessmentDecider } from '../domain/assessment.decider';
import { assessmentFrameworks } from './assessment-frameworks';
import { ASSESSMENT_SCHEMA } from './assessment-schema';
import { assessmentStore, assessmentStreamId } from './assessment-store';
import { assessmentSummaries } from './assessment-summaries';

async function projectSystem(client: PoolClient, tenantId: string, s: AiSystemState): Promise<void> {
  if (s.status !== 'registered') return;
  await client.query(
    `INSERT INTO ${ASSESSMENT_SCHEMA}.ai_system_summaries (tenant_id, system_id, name, owner, purpose, lifecycle_stage, profile, version, archived, registered_at, updated_at)
     VALUES ($1, $2, $3, $4, $11, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (tenant_id, system_id) DO UPDATE SET name = excluded.name, owner = excluded.owner, purpose = excluded.purpose, lifecycle_stage = excluded.lifecycle_stage,
       profile = excluded.profile, version = excluded.version, archived = excluded.archived, updated_at = excluded.updated_at`,
    [tenantId, s.systemId, s.name, s.owner, s.lifecycleStage, JSON.stringify(s.profile), s.version, s.archived, s.registeredAt, s.updatedAt, s.purpose],
  );
}

/**
 * The system's open assessments work out applicability again, in the transaction that changed the
 * profile: either the new profile and every re-evaluation commit together, or none does. Submitted
 * and in-review ones keep the scope they were submitted with: a reviewer approves what was submitted.
 */
async function reevaluateOpenAssessments(pool: Pool, client: PoolClient, tenantId: string, s: Extract<AiSystemState, { status: 'registered' }>, request: RequestContext): Promise<void> {
  const { rows } = await client.query<{ assessment_id: string; framework_id: string; framework_version: string }>(
    `SELECT assessment_id, framework_id, framework_version FROM ${ASSESSMENT_SCHEMA}.assessment_summaries WHERE system_id = $1 AND status IN ('draft', 'in-progress', 'returned')`,
    [s.systemId],
  );
  for (const row of rows) await assessmentFrameworks.load(pool, tenantId, row.framework_id, row.framework_version);
  const frameworks = assessmentFrameworks.lookupFor(tenantId);
  for (const row of rows) {
    const now = new Date();
    const outcome = await handleCommand(
      assessmentStore,
      client,
      assessmentDecider,
      { type: 'ReevaluateApplicability', data: { assessmentId: row.assessment_id, systemVersion: s.version, profile: { ...s.profile }, now, frameworks } },
      { tenantId, streamId: assessmentStreamId(row.assessment_id), newEventId: randomUUID, now, metadata: metadataOf(request) },
    );
    if (outcome.events.length) await assessmentSummaries.apply(client, tenantId, outcome.state, outcome.version);
  }
}

/** Decide → append → listing row (and, when the profile changed, its open assessments) in one tenant transaction. */
export function runAiSystemCommand(pool: Pool, tenantId: string, command: AiSystemCommand, request: RequestContext, expectedVersion?: number): Promise<CommandOutcome<AiSystemEvent, AiSystemState>> {
  return retryOnConflict(
    () =>
      withTenantTransaction(pool, tenantId, async (client) => {
        const outcome = await handleCommand(assessmentStore, client, aiSystemDecider, command, {
          tenantId,
          streamId: aiSystemStreamId(command.data.systemId),
          expectedVersion,
          newEventId: randomUUID,
          now: command.data.now,
          metadata: metadataOf(request),
        });
        if (outcome.events.length === 0) return outcome;
        await projectSystem(client, tenantId, outcome.state);
        const profileChanged = outcome.events.some((e) => e.type === 'AiSystemChanged' && e.data.changes.profile);
        if (profileChanged && outcome.state.status === 'registered') await reevaluateOpenAssessments(pool, client, tenantId, outcome.state, request);
        return outcome;
      }),
    5,
    expectedVersion !== undefined,
  );
}
