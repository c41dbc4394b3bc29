import { IntegrationHandler } from '@assay/messaging';
import { HistoryEntities } from '../read-models/history-entities';
import { assessmentRow, targetRow } from '../read-models/history-rows';
import { managerOf } from '../read-models/read-model-data-source';

/** What the history handlers write: the live entities, or a rebuild's. */
export interface HistoryHandlers {
  started: IntegrationHandler;
  targetSet: IntegrationHandler;
}

/**
 * The assessments and targets of the maturity history (score events have their own statement,
 * scorecard-events.handler). Targets are keyed by their place in the assessment's stream, so a
 * redelivered or replayed event inserts nothing new.
 */
export function historyHandlers(entities: HistoryEntities): HistoryHandlers {
  return {
    started: async (envelope, client) => {
      await managerOf(client)
        .createQueryBuilder()
        .insert()
        .into(entities.assessments)
        .values(assessmentRow(envelope))
        // A repeated start (a replayed dead letter, a profile re-read) restates the same facts.
        .orUpdate(['framework_id', 'framework_version', 'scope_kind', 'system_id', 'based_on_assessment_id', 'based_on_kind', 'started_at'], ['tenant_id', 'assessment_id'])
        .execute();
    },
    targetSet: async (envelope, client) => {
      await managerOf(client).createQueryBuilder().insert().into(entities.targets).values(targetRow(envelope)).orIgnore().execute();
    },
  };
}
