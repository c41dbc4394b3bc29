import { Pool } from 'pg';
import { loadAggregate } from '@assay/event-store';
import { NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { HeldEvidence, evidenceDecider, evidenceStreamId } from '../domain/evidence.decider';
import { evidenceStore } from '../infrastructure/evidence-store';

/** The evidence of the caller's tenant, from its stream; another tenant's id is simply not found. */
export async function loadEvidence(pool: Pool, tenantId: string, evidenceId: string): Promise<{ state: HeldEvidence; version: number }> {
  const { state, version } = await withTenantTransaction(pool, tenantId, (client) => loadAggregate(evidenceStore, client, evidenceDecider, tenantId, evidenceStreamId(evidenceId)));
  if (state.status !== 'held') throw new NotFoundProblem(`evidence ${evidenceId}`);
  return { state, version };
}
