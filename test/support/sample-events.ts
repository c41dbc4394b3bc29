import { randomUUID } from 'node:crypto';
import { AnswerRecordedV1, IntegrationEnvelope, IntegrationEventTypes } from '@assay/contracts';
import { NewEvent, StoredEvent } from '@assay/event-store';
import { envelopeFrom } from '@assay/messaging';

/** A stored test event whose data is already the answer-recorded integration payload. */
export function answerEvent(assessmentId: string, questionId: string, value: number | null): NewEvent {
  const data: AnswerRecordedV1 = {
    assessmentId,
    frameworkId: 'owasp-aima',
    frameworkVersion: '1.0',
    questionId,
    practiceId: questionId.split('-').slice(0, 2).join('-'),
    value,
    recordedAt: new Date().toISOString(),
  };
  return { type: 'TestAnswerRecorded', data, eventId: randomUUID(), occurredAt: new Date(), metadata: { correlationId: 'test' } };
}

/** Identity translation for test events: the stored data is the integration payload. */
export function answerEnvelope(stored: StoredEvent): IntegrationEnvelope[] {
  return [envelopeFrom(stored, IntegrationEventTypes.answerRecorded, stored.data)];
}
