import { IntegrationHandler } from '@assay/messaging';
import { HistoryEntities } from '../read-models/history-entities';
import { assessmentRow, scoreRows, targetRow } from '../read-models/history-rows';
import { managerOf } from '../read-models/read-model-data-source';

/** What the history handlers write: the live entities, or a rebuild's. */
export interface HistoryHandlers {
  started: IntegrationHandler;
  targetSet: IntegrationHandler;
  scores: IntegrationHandler;
}

/**
 * The maturity history, appended from score events: a score change per event and a node change per
 * node it names. Rows are keyed by the event's place in the scorecard stream, so a redelivered or
 * replayed event inserts nothing new and events arriving out of order still land where they belong.
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
    scores: async (envelope, client) => {
      const { change, nodes } = scoreRows(envelope);
      const manager = managerOf(client);
      await manager.createQueryBuilder().insert().into(entities.scoreChanges).values(change).orIgnore().execute();
      if (nodes.length) await manager.createQueryBuilder().insert().into(entities.nodeChanges).values(nodes).orIgnore().execute();
    },
  };
}
