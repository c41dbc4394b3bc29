import { Pool } from 'pg';
import { NotFoundProblem } from '@assay/service-kit';
import { withTenantTransaction } from '@assay/tenancy';
import { evidenceStreamId } from '../domain/evidence.decider';
import { evidenceStore } from '../infrastructure/evidence-store';

/**
 * What an auditor asks of a document: who gave it, who reviewed, linked or changed it, when, and
 * under which request — every event of its stream, oldest first, personal fields decrypted for
 * the owning tenant. Storage ids stay inside.
 */
export async function evidenceHistory(pool: Pool, tenantId: string, evidenceId: string) {
  const events = await withTenantTransaction(pool, tenantId, (client) => evidenceStore.readStream(client, tenantId, evidenceStreamId(evidenceId)));
  if (events.length === 0) throw new NotFoundProblem(`evidence ${evidenceId}`);
  return {
    evidenceId,
    items: events.map((e) => {
      const data = { ...(e.data as Record<string, unknown>) };
      if (data.blob && typeof data.blob === 'object') {
        const { blobId: _storageId, ...file } = data.blob as Record<string, unknown>;
        data.blob = file;
      }
      return { version: e.streamVersion, type: e.type, occurredAt: e.occurredAt.toISOString(), ...(e.metadata.correlationId ? { correlationId: e.metadata.correlationId } : {}), data };
    }),
  };
}
