import { IntegrationEnvelope } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';

/**
 * The envelope of an integration event translated from a stored domain event. It reuses the
 * stored event's id, so a republished event is recognised by every consumer's inbox.
 */
export function envelopeFrom<Data>(stored: StoredEvent, type: string, data: Data, schemaVersion = 1): IntegrationEnvelope<string, Data> {
  return {
    id: stored.eventId,
    type,
    schemaVersion,
    tenantId: stored.tenantId,
    streamId: stored.streamId,
    streamVersion: stored.streamVersion,
    occurredAt: stored.occurredAt.toISOString(),
    correlationId: stored.metadata.correlationId ?? stored.eventId,
    causationId: stored.metadata.causationId ?? stored.eventId,
    ...(stored.metadata.traceparent ? { traceparent: stored.metadata.traceparent } : {}),
    data,
  };
}
