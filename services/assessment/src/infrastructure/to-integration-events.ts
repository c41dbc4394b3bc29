import { FrameworkDefinition, FrameworkNode } from '@assay/frameworks';
import { AnswerRecordedV2, AssessmentStartedV1, FrameworkImportedV1, IntegrationEnvelope, IntegrationEventTypes } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { envelopeFrom } from '@assay/messaging';
import { AssessmentEvent } from '../domain/assessment.events';
import { FrameworkVersionImported } from '../domain/framework-version.decider';

/** Licensed wording (node texts, the description) stays with the licensee's tenant in this service. */
function withoutTexts(definition: FrameworkDefinition): FrameworkDefinition {
  const strip = (node: FrameworkNode): FrameworkNode => {
    const { text: _text, children, ...rest } = node;
    return children ? { ...rest, children: children.map(strip) } : rest;
  };
  const { description: _description, ...rest } = definition;
  return { ...rest, nodes: definition.nodes.map(strip) };
}

/**
 * Domain → integration translation: the only shape other services ever see. A domain field not
 * named here (e.g. who recorded the answer) stays inside this service.
 */
export function toIntegrationEvents(stored: StoredEvent): IntegrationEnvelope[] {
  if (stored.type === 'FrameworkVersionImported') {
    const { definition, importedAt } = (stored.data as FrameworkVersionImported['data']);
    return [
      envelopeFrom<FrameworkImportedV1>(stored, IntegrationEventTypes.frameworkImported, { frameworkId: definition.id, version: definition.version, definition: withoutTexts(definition), importedAt }),
    ];
  }
  const event = { type: stored.type, data: stored.data } as AssessmentEvent;
  switch (event.type) {
    case 'AssessmentStarted': {
      const { assessmentId, frameworkId, frameworkVersion, startedAt } = event.data;
      return [envelopeFrom<AssessmentStartedV1>(stored, IntegrationEventTypes.assessmentStarted, { assessmentId, frameworkId, frameworkVersion, startedAt })];
    }
    case 'AnswerRecorded': {
      const { assessmentId, frameworkId, frameworkVersion, questionId, value, recordedAt } = event.data;
      return [envelopeFrom<AnswerRecordedV2>(stored, IntegrationEventTypes.answerRecorded, { assessmentId, frameworkId, frameworkVersion, questionId, value, recordedAt }, 2)];
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
