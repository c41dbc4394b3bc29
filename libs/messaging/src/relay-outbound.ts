import { IntegrationEnvelope } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { EventContractRegistry } from './contract-registry';
import { Headers } from './message-headers';
import { OutboundMessage } from './message-publisher';

/** Domain events stay private: the translator decides which become integration events, and how. */
export type IntegrationTranslator = (event: StoredEvent) => IntegrationEnvelope[];

/**
 * The Kafka messages of one stored event: translated, each validated against its contract, keyed
 * by tenant so a tenant's events share a partition. Throws when translation or validation fails —
 * the relay parks such an event instead of publishing it.
 */
export function outboundMessages(event: StoredEvent, translate: IntegrationTranslator, contracts: EventContractRegistry): OutboundMessage[] {
  const envelopes = translate(event);
  for (const envelope of envelopes) contracts.validate(envelope);
  // During a contract change a producer publishes an event in two versions under one id; the
  // header lets a consumer that handles only one of them skip the other (see routeMessage).
  // Usually an event has one envelope, its own version the whole list.
  const versionsOf = (envelope: IntegrationEnvelope) =>
    envelopes.length === 1
      ? String(envelope.schemaVersion)
      : envelopes
          .filter((e) => e.type === envelope.type)
          .map((e) => e.schemaVersion)
          .join(',');
  return envelopes.map((envelope) => {
    const headers: Record<string, string> = {
      [Headers.eventType]: envelope.type,
      [Headers.schemaVersion]: String(envelope.schemaVersion),
      [Headers.schemaVersions]: versionsOf(envelope),
      [Headers.correlationId]: envelope.correlationId,
    };
    if (envelope.traceparent) headers[Headers.traceparent] = envelope.traceparent;
    return { key: envelope.tenantId, value: JSON.stringify(envelope), headers };
  });
}
