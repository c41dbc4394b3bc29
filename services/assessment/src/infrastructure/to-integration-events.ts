import { AnswerRecordedV1, AssessmentStartedV1, IntegrationEnvelope, IntegrationEventTypes } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { AssessmentEvent } from '../domain/assessment.events';

/**
 * Domain → integration translation: the only shape other services ever see. A domain field not
 * named here (e.g. who recorded the answer) stays inside this service.
 */
export function toIntegrationEvents(stored: StoredEvent): IntegrationEnvelope[] {
  // Imported framework versions (licensed text) stay inside this service and its tenant.
  if (stored.type === 'FrameworkVersionImported') return [];
  const event = { type: stored.type, data: stored.data } as AssessmentEvent;
  const envelope = <Data>(type: string, data: Data): IntegrationEnvelope<string, Data> => ({
    id: stored.eventId,
    type,
    schemaVersion: 1,
    tenantId: stored.tenantId,
    streamId: stored.streamId,
    streamVersion: stored.streamVersion,
    occurredAt: stored.occurredAt.toISOString(),
    correlationId: stored.metadata.correlationId ?? stored.eventId,
    causationId: stored.metadata.causationId ?? stored.eventId,
    ...(stored.metadata.traceparent ? { traceparent: stored.metadata.traceparent } : {}),
    data,
  });
  switch (event.type) {
    case 'AssessmentStarted':
      return [
        envelope<AssessmentStartedV1>(IntegrationEventTypes.assessmentStarted, {
          assessmentId: event.data.assessmentId,
          frameworkId: event.data.frameworkId,
          frameworkVersion: event.data.frameworkVersion,
          startedAt: event.data.startedAt,
        }),
      ];
    case 'AnswerRecorded':
      return [
        envelope<AnswerRecordedV1>(IntegrationEventTypes.answerRecorded, {
          assessmentId: event.data.assessmentId,
          frameworkId: event.data.frameworkId,
          frameworkVersion: event.data.frameworkVersion,
          questionId: event.data.questionId,
          practiceId: event.data.practiceId,
          value: event.data.value,
          recordedAt: event.data.recordedAt,
        }),
      ];
    case 'AnswersImported':
      // Bookkeeping of this service; the answers themselves go out as answer-recorded events.
      return [];
    default: {
      const unknown: never = event;
      throw new Error(`no translation for ${(unknown as StoredEvent).type}`);
    }
  }
}
