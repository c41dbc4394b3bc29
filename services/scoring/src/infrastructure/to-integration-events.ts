import { IntegrationEnvelope, IntegrationEventTypes, PracticeMaturityCalculatedV1 } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { ScorecardEvent } from '../domain/scorecard.events';

/** Scores leave the service without the answer that caused them: reporting needs only the figure. */
export function toIntegrationEvents(stored: StoredEvent): IntegrationEnvelope[] {
  const event = { type: stored.type, data: stored.data } as ScorecardEvent;
  switch (event.type) {
    case 'PracticeMaturityCalculated': {
      const { questionId: _q, value: _v, ...figure } = event.data;
      const data: PracticeMaturityCalculatedV1 = figure;
      return [
        {
          id: stored.eventId,
          type: IntegrationEventTypes.practiceMaturityCalculated,
          schemaVersion: 1,
          tenantId: stored.tenantId,
          streamId: stored.streamId,
          streamVersion: stored.streamVersion,
          occurredAt: stored.occurredAt.toISOString(),
          correlationId: stored.metadata.correlationId ?? stored.eventId,
          causationId: stored.metadata.causationId ?? stored.eventId,
          ...(stored.metadata.traceparent ? { traceparent: stored.metadata.traceparent } : {}),
          data,
        },
      ];
    }
    default: {
      const unknown: never = event.type;
      throw new Error(`no translation for ${String(unknown)}`);
    }
  }
}
