import { AnswerRecordedV1, AssessmentStartedV1, IntegrationEnvelope, IntegrationEventTypes } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { envelopeFrom } from '@assay/messaging';
import { AssessmentEvent } from '../domain/assessment.events';

/**
 * Domain → integration translation: the only shape other services ever see. A domain field not
 * named here (e.g. who recorded the answer) stays inside this service.
 */
export function toIntegrationEvents(stored: StoredEvent): IntegrationEnvelope[] {
  // Imported framework versions (licensed text) stay inside this service and its tenant.
  if (stored.type === 'FrameworkVersionImported') return [];
  const event = { type: stored.type, data: stored.data } as AssessmentEvent;
  switch (event.type) {
    case 'AssessmentStarted': {
      const { assessmentId, frameworkId, frameworkVersion, startedAt } = event.data;
      return [envelopeFrom<AssessmentStartedV1>(stored, IntegrationEventTypes.assessmentStarted, { assessmentId, frameworkId, frameworkVersion, startedAt })];
    }
    case 'AnswerRecorded': {
      const { assessmentId, frameworkId, frameworkVersion, questionId, practiceId, value, recordedAt } = event.data;
      return [
        envelopeFrom<AnswerRecordedV1>(stored, IntegrationEventTypes.answerRecorded, { assessmentId, frameworkId, frameworkVersion, questionId, practiceId, value, recordedAt }),
      ];
    }
    case 'AnswersImported':
      // Bookkeeping of this service; the answers themselves go out as answer-recorded events.
      return [];
    default: {
      const unknown: never = event;
      throw new Error(`no translation for ${(unknown as StoredEvent).type}`);
    }
  }
}
