import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CommandOutcome, EventMetadata, PostgresEventStore, StreamCommandQueue, StreamStateCache, retryOnConflict, runCommand } from '@assay/event-store';
import { PersonalDataCodec, TenantKeyStore } from '@assay/personal-data';
import { EvidenceCommand } from '../domain/evidence.commands';
import { EvidenceState, evidenceDecider, evidenceStreamId } from '../domain/evidence.decider';
import { EvidenceEvent } from '../domain/evidence.events';
import { EVIDENCE_SCHEMA } from './evidence-schema';
import { EVIDENCE_PERSONAL_FIELDS } from './personal-fields';
import { evidenceSummaries } from './evidence-summaries';

export { EVIDENCE_SCHEMA } from './evidence-schema';

/**
 * The tenants' data keys (migration personal-data/001 in the evidence schema): they seal both the
 * personal fields of events and every blob, so destroying a tenant's key shreds its files too.
 */
export const evidenceKeys = new TenantKeyStore(EVIDENCE_SCHEMA);
export const evidenceStore = new PostgresEventStore(EVIDENCE_SCHEMA, new PersonalDataCodec(evidenceKeys, EVIDENCE_PERSONAL_FIELDS));
const evidenceStates = new StreamStateCache<EvidenceState>();
const evidenceCommands = new StreamCommandQueue();

/**
 * Decide → append → listing rows for one evidence under its tenant (see runCommand). Without an
 * expected version a lost race is decided again on the newer state; with one it is the client's 409.
 */
export function runEvidenceCommand(
  pool: Pool,
  tenantId: string,
  command: EvidenceCommand,
  metadata: EventMetadata,
  expectedVersion?: number,
): Promise<CommandOutcome<EvidenceEvent, EvidenceState>> {
  const now = command.data.now;
  const context = { tenantId, streamId: evidenceStreamId(command.data.evidenceId), expectedVersion, newEventId: randomUUID, now, metadata };
  const work = () => runCommand(pool, evidenceStore, evidenceDecider, command, context, evidenceStates, evidenceSummaries);
  return evidenceCommands.run(tenantId, context.streamId, () => retryOnConflict(work, 5, expectedVersion !== undefined));
}
