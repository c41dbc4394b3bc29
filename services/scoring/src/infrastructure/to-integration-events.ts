import { AssuranceCalculatedV1, DerivedScoresCalculatedV1, IntegrationEnvelope, IntegrationEventTypes, PracticeMaturityCalculatedV1, PracticeMaturityCalculatedV2 } from '@assay/contracts';
import { StoredEvent } from '@assay/event-store';
import { envelopeFrom } from '@assay/messaging';
import { ScorecardEvent } from '../domain/scorecard.events';

/** Scores leave the service without the answer that caused them: readers need only the figures. */
export function toIntegrationEvents(stored: StoredEvent): IntegrationEnvelope[] {
  const event = { type: stored.type, data: stored.data } as ScorecardEvent;
  switch (event.type) {
    case 'ScoresCalculated': {
      // The cause (answer, new exclusions) stays here; out-of-scope nodes are marked in the figures.
      const { answer: _answer, excluded: _excluded, ...figures } = event.data;
      return [envelopeFrom<PracticeMaturityCalculatedV2>(stored, IntegrationEventTypes.practiceMaturityCalculated, figures, 2)];
    }
    case 'AssuranceCalculated':
      return [envelopeFrom<AssuranceCalculatedV1>(stored, IntegrationEventTypes.assuranceCalculated, event.data)];
    case 'DerivedScoresCalculated':
      return [envelopeFrom<DerivedScoresCalculatedV1>(stored, IntegrationEventTypes.derivedScoresCalculated, event.data)];
    case 'PracticeMaturityCalculated': {
      // Legacy events re-relayed (a relay rewound): they keep their own version.
      const { questionId: _q, value: _v, ...figure } = event.data;
      return [envelopeFrom<PracticeMaturityCalculatedV1>(stored, IntegrationEventTypes.practiceMaturityCalculated, figure)];
    }
    default: {
      const unknown: never = event;
      throw new Error(`no translation for ${(unknown as StoredEvent).type}`);
    }
  }
}
