import { PoolClient } from 'pg';
import { AssessmentStartedV1, AssessmentStartedV2, AssuranceCalculatedV1, IntegrationEnvelope, PracticeMaturityCalculatedV2, TargetSetV1 } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { HistoryEntities, NodeChange, ScoreBasis, ScoreChange } from '../read-models/history-entities';
import { managerOf } from '../read-models/read-model-data-source';

const data = <D>(envelope: IntegrationEnvelope) => (envelope as IntegrationEnvelope<string, D>).data;

/** What the history handlers write: the live entities, or a rebuild's. */
export interface HistoryHandlers {
  startedV1: IntegrationHandler;
  startedV2: IntegrationHandler;
  targetSet: IntegrationHandler;
  scoresCalculated: IntegrationHandler;
  assuranceCalculated: IntegrationHandler;
}

/**
 * The maturity history, appended from score events: a score change per event and a node change per
 * node it names. Rows are keyed by the event's place in the scorecard stream, so a redelivered or
 * replayed event inserts nothing new and events arriving out of order still land where they belong.
 */
export function historyHandlers(entities: HistoryEntities): HistoryHandlers {
  const started = async (envelope: IntegrationEnvelope, client: PoolClient, d: AssessmentStartedV2) => {
    await managerOf(client)
      .createQueryBuilder()
      .insert()
      .into(entities.assessments)
      .values({
        tenantId: envelope.tenantId,
        assessmentId: d.assessmentId,
        frameworkId: d.frameworkId,
        frameworkVersion: d.frameworkVersion,
        scopeKind: d.scope.kind,
        systemId: d.scope.systemId ?? null,
        basedOnAssessmentId: d.basedOn?.assessmentId ?? null,
        basedOnKind: d.basedOn?.kind ?? null,
        startedAt: new Date(d.startedAt),
      })
      // A revision of the start (a replayed dead letter, a profile re-read) restates the same facts.
      .orUpdate(['framework_id', 'framework_version', 'scope_kind', 'system_id', 'based_on_assessment_id', 'based_on_kind', 'started_at'], ['tenant_id', 'assessment_id'])
      .execute();
  };

  const scores = (basis: ScoreBasis) => async (envelope: IntegrationEnvelope, client: PoolClient) => {
    const d = data<PracticeMaturityCalculatedV2 & Partial<Pick<AssuranceCalculatedV1, 'cause'>>>(envelope);
    const key = { tenantId: envelope.tenantId, assessmentId: d.assessmentId, basis, streamVersion: envelope.streamVersion };
    const effectiveAt = new Date(d.calculatedAt);
    const change: ScoreChange = {
      ...key,
      effectiveAt,
      frameworkId: d.frameworkId,
      frameworkVersion: d.frameworkVersion,
      scoringModelId: d.scoringModelId,
      scoringModelVersion: d.scoringModelVersion,
      overallScore: d.overall.score,
      overallMin: d.overall.min,
      overallMax: d.overall.max,
      overallAnswered: d.overall.answered,
      overallItems: d.overall.items,
      cause: d.cause ?? null,
      eventId: envelope.id,
    };
    const manager = managerOf(client);
    await manager.createQueryBuilder().insert().into(entities.scoreChanges).values(change).orIgnore().execute();
    if (d.nodes.length === 0) return;
    const nodes: NodeChange[] = d.nodes.map((n) => ({
      ...key,
      nodeId: n.nodeId,
      effectiveAt,
      parentId: n.parentId ?? null,
      kind: n.kind,
      name: n.name,
      position: n.position,
      score: n.score,
      min: n.min,
      max: n.max,
      answered: n.answered,
      items: n.items,
      outOfScope: n.outOfScope === true,
    }));
    await manager.createQueryBuilder().insert().into(entities.nodeChanges).values(nodes).orIgnore().execute();
  };

  return {
    // v1 knew only programme assessments.
    startedV1: (envelope, client) => started(envelope, client, { ...data<AssessmentStartedV1>(envelope), scope: { kind: 'programme' }, excludedNodes: [], revision: 1 }),
    startedV2: (envelope, client) => started(envelope, client, data<AssessmentStartedV2>(envelope)),
    targetSet: async (envelope, client) => {
      const d = data<TargetSetV1>(envelope);
      const target = { tenantId: envelope.tenantId, assessmentId: d.assessmentId, nodeId: d.nodeId, streamVersion: envelope.streamVersion, target: d.target, setAt: new Date(d.setAt) };
      await managerOf(client).createQueryBuilder().insert().into(entities.targets).values(target).orIgnore().execute();
    },
    scoresCalculated: scores('claimed'),
    assuranceCalculated: scores('assured'),
  };
}
