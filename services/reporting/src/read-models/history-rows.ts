import { AssessmentStartedV1, AssessmentStartedV2, AssuranceCalculatedV1, IntegrationEnvelope, IntegrationEventTypes, PracticeMaturityCalculatedV2, TargetSetV1 } from '@assay/contracts';
import { HistoryAssessment, NodeChange, NodeTarget, ScoreBasis, ScoreChange } from './history-entities';

/**
 * The history rows one integration event stands for, for the live handlers and for a report's
 * in-memory history alike, so both read an event the same way.
 */
const data = <D>(envelope: IntegrationEnvelope) => (envelope as IntegrationEnvelope<string, D>).data;

export function assessmentRow(envelope: IntegrationEnvelope): HistoryAssessment {
  // v1 knew only programme assessments.
  const d: AssessmentStartedV1 & Partial<AssessmentStartedV2> = envelope.schemaVersion === 1 ? data<AssessmentStartedV1>(envelope) : data<AssessmentStartedV2>(envelope);
  const scope = d.scope ?? { kind: 'programme' };
  const basedOn = d.basedOn;
  return {
    tenantId: envelope.tenantId,
    assessmentId: d.assessmentId,
    frameworkId: d.frameworkId,
    frameworkVersion: d.frameworkVersion,
    scopeKind: scope.kind,
    systemId: scope.systemId ?? null,
    basedOnAssessmentId: basedOn?.assessmentId ?? null,
    basedOnKind: basedOn?.kind ?? null,
    startedAt: new Date(d.startedAt),
  };
}

export function targetRow(envelope: IntegrationEnvelope): NodeTarget {
  const d = data<TargetSetV1>(envelope);
  return { tenantId: envelope.tenantId, assessmentId: d.assessmentId, nodeId: d.nodeId, streamVersion: envelope.streamVersion, target: d.target, setAt: new Date(d.setAt) };
}

export const basisOf = (envelope: IntegrationEnvelope): ScoreBasis => (envelope.type === IntegrationEventTypes.assuranceCalculated ? 'assured' : 'claimed');

/** A v2 claimed or a v1 assured score event: its score change and a change per node it names. */
export function scoreRows(envelope: IntegrationEnvelope): { change: ScoreChange; nodes: NodeChange[] } {
  const d = data<Omit<PracticeMaturityCalculatedV2, 'answeredQuestions' | 'answersApplied'> & Partial<Pick<PracticeMaturityCalculatedV2, 'answeredQuestions' | 'answersApplied'>> & Partial<Pick<AssuranceCalculatedV1, 'cause'>>>(envelope);
  const key = { tenantId: envelope.tenantId, assessmentId: d.assessmentId, basis: basisOf(envelope), streamVersion: envelope.streamVersion };
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
    answeredQuestions: d.answeredQuestions ?? null,
    answersApplied: d.answersApplied ?? null,
    cause: d.cause ?? null,
    eventId: envelope.id,
  };
  const nodes = d.nodes.map((n) => ({
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
  return { change, nodes };
}
