import { createHash } from 'node:crypto';
import { IntegrationEnvelope } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { isoTimestamp } from './iso-timestamp';

/**
 * The envelope of an integration event translated from a stored domain event. It reuses the
 * stored event's id, so a republished event is recognised by every consumer's inbox. When one
 * stored event becomes several integration events, `part` names each (e.g. the question of a
 * carried-forward answer) and the id is derived from both, the same on every republish.
 */
export function envelopeFrom<Data>(stored: StoredEvent, type: string, data: Data, schemaVersion = 1, part?: string): IntegrationEnvelope<string, Data> {
  const { metadata } = stored;
  const envelope: IntegrationEnvelope<string, Data> = {
    id: part === undefined ? stored.eventId : derivedEventId(stored.eventId, part),
    type,
    schemaVersion,
    tenantId: stored.tenantId,
    streamId: stored.streamId,
    streamVersion: stored.streamVersion,
    occurredAt: isoTimestamp(stored.occurredAt),
    correlationId: metadata.correlationId ?? stored.eventId,
    causationId: metadata.causationId ?? stored.eventId,
    data,
  };
  // Set, not spread in: spreading a conditional object costs a copy for every relayed event.
  if (metadata.traceparent) envelope.traceparent = metadata.traceparent;
  return envelope;
}

/** A deterministic RFC 9562 version-8 UUID for one part of a stored event. */
export function derivedEventId(eventId: string, part: string): string {
  const hex = createHash('sha256').update(`${eventId}\u0000${part}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
