import { IntegrationEnvelope } from '@assay/contracts';
import { PostgresEventStore } from '@assay/event-store';
import { IntegrationHandler } from '@assay/messaging';

/**
 * Reporting keeps every integration event it applied, in its own event store, in the transaction
 * that applied it: its read models can then be rebuilt from its own log (readAll), whatever the
 * Kafka topics' retention, and a report can name the log position it was built from.
 */
export const receivedEvents = (schema: string) => new PostgresEventStore(schema);

/** One stream per source stream, so each keeps its producer's order. */
export const receivedStreamId = (envelope: IntegrationEnvelope) => `received-${envelope.streamId}`;

/** What reporting's log keeps of an envelope: the event, and where it stood in its source stream. */
export function loggedEventOf(envelope: IntegrationEnvelope) {
  const { id, type, schemaVersion, data, streamId, streamVersion, occurredAt, correlationId, causationId, traceparent } = envelope;
  return { eventId: id, type, schemaVersion, data, occurredAt: new Date(occurredAt), metadata: { streamId, streamVersion, correlationId, causationId, ...(traceparent ? { traceparent } : {}) } };
}

export const recordReceived = (schema: string): IntegrationHandler => {
  const store = receivedEvents(schema);
  return async (envelope, client) => {
    await store.appendToStream(client, envelope.tenantId, receivedStreamId(envelope), [loggedEventOf(envelope)], 'any');
  };
};

/** The envelope a received event was, for replaying it through the same handlers. */
export function envelopeOfReceived(stored: { eventId: string; tenantId: string; type: string; schemaVersion: number; data: unknown; occurredAt: Date; metadata: Record<string, unknown> }): IntegrationEnvelope {
  const { streamId, streamVersion, correlationId, causationId, traceparent } = stored.metadata as { streamId: string; streamVersion: number; correlationId: string; causationId: string; traceparent?: string };
  return {
    id: stored.eventId,
    type: stored.type,
    schemaVersion: stored.schemaVersion,
    tenantId: stored.tenantId,
    streamId,
    streamVersion,
    occurredAt: stored.occurredAt.toISOString(),
    correlationId,
    causationId,
    ...(traceparent ? { traceparent } : {}),
    data: stored.data,
  };
}

/** Handlers run one after another in the same transaction. */
export const inSequence =
  (...handlers: IntegrationHandler[]): IntegrationHandler =>
  async (envelope, client) => {
    for (const handler of handlers) await handler(envelope, client);
  };
