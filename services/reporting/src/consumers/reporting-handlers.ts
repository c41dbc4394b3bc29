import { IntegrationEventTypes } from '@assay/contracts';
import { IntegrationHandlers } from '@assay/messaging';
import { historyEntities } from '../read-models/history-entities';
import { frameworkImportedHandler } from './framework-imported.handler';
import { historyHandlers } from './history.handlers';
import { practiceMaturityCalculatedHandler } from './practice-maturity-calculated.handler';
import { inSequence, recordReceived } from './received-events';
import { scorecardEventsHandler } from './scorecard-events.handler';

/**
 * Every read model reporting keeps, by integration event type and version, written into `schema`
 * (the live one, or a rebuild's). Each event is kept in reporting's own log in the same transaction.
 */
export function reportingHandlers(schema: string): IntegrationHandlers {
  const history = historyHandlers(historyEntities(schema));
  const record = recordReceived(schema);
  // One handler for the three, so the consumer applies a batch of them as one set.
  const scorecardEvent = scorecardEventsHandler(schema);
  const T = IntegrationEventTypes;
  return {
    [T.assessmentStarted]: { 1: inSequence(record, history.started), 2: inSequence(record, history.started) },
    [T.targetSet]: { 1: inSequence(record, history.targetSet) },
    [T.frameworkImported]: { 1: inSequence(record, frameworkImportedHandler(schema)) },
    [T.practiceMaturityCalculated]: {
      1: inSequence(record, practiceMaturityCalculatedHandler(schema)),
      2: scorecardEvent,
    },
    [T.assuranceCalculated]: { 1: scorecardEvent },
    [T.derivedScoresCalculated]: { 1: scorecardEvent },
  };
}
