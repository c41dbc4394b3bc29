import { IntegrationEnvelope, IntegrationEventTypes, PracticeMaturityCalculatedV1 } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { envelopeFrom } from '@assay/messaging';
import { ScorecardEvent } from '../domain/scorecard.events';

/** Scores leave the service without the answer that caused them: reporting needs only the figure. */
export function toIntegrationEvents(stored: StoredEvent): IntegrationEnvelope[] {
  const event = { type: stored.type, data: stored.data } as ScorecardEvent;
  switch (event.type) {
    case 'PracticeMaturityCalculated': {
      const { questionId: _q, value: _v, ...figure } = event.data;
      return [envelopeFrom<PracticeMaturityCalculatedV1>(stored, IntegrationEventTypes.practiceMaturityCalculated, figure)];
    }
    default: {
      const unknown: never = event.type;
      throw new Error(`no translation for ${String(unknown)}`);
    }
  }
}
