import { FrameworkDefinition, FrameworkNode } from '@assay/frameworks';
import { AnswerRecordedV2, AssessmentStartedV2, FrameworkImportedV1, IntegrationEnvelope, IntegrationEventTypes, ScopeChangedV1, StatusChangedV1, TargetSetV1 } from '@assay/contracts';
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
  // The inventory (names, owners, purposes) stays in this service; assessments carry what scoring needs.
  if (stored.type.startsWith('AiSystem')) return [];
  const event = { type: stored.type, data: stored.data } as AssessmentEvent;
  switch (event.type) {
    case 'AssessmentStarted': {
      const { assessmentId, frameworkId, frameworkVersion, startedAt, scope, excluded, basedOn, revision } = event.data;
      const scoped = scope?.kind === 'system' ? { kind: scope.kind, systemId: scope.systemId, systemVersion: scope.systemVersion } : { kind: 'programme' as const };
      return [
        envelopeFrom<AssessmentStartedV2>(stored, IntegrationEventTypes.assessmentStarted, {
          assessmentId, frameworkId, frameworkVersion, scope: scoped, excludedNodes: (excluded ?? []).map((e) => e.nodeId),
          ...(basedOn ? { basedOn: { assessmentId: basedOn.assessmentId, kind: basedOn.kind } } : {}),
          revision: revision ?? 1, startedAt,
        }, 2),
      ];
    }
    case 'AnswerRecorded': {
      // The note and who answered stay here (personal data); other services need the value.
      const { assessmentId, frameworkId, frameworkVersion, questionId, value, recordedAt } = event.data;
      return [envelopeFrom<AnswerRecordedV2>(stored, IntegrationEventTypes.answerRecorded, { assessmentId, frameworkId, frameworkVersion, questionId, value, recordedAt }, 2)];
    }
    case 'AnswersCarriedForward': {
      // Each carried answer counts for scoring like a recorded one; "to confirm" is this service's concern.
      const { assessmentId, frameworkId, frameworkVersion, answers, carriedAt } = event.data;
      return Object.entries(answers).map(([questionId, value]) =>
        envelopeFrom<AnswerRecordedV2>(stored, IntegrationEventTypes.answerRecorded, { assessmentId, frameworkId, frameworkVersion, questionId, value, recordedAt: carriedAt }, 2, questionId),
      );
    }
    case 'ApplicabilityChanged': {
      const { assessmentId, frameworkId, frameworkVersion, systemVersion, excludedNodes, changedAt } = event.data;
      return [envelopeFrom<ScopeChangedV1>(stored, IntegrationEventTypes.scopeChanged, { assessmentId, frameworkId, frameworkVersion, systemVersion, excludedNodes, changedAt })];
    }
    case 'AssessmentSubmitted':
      return [statusChanged(stored, event.data.assessmentId, 'submitted', event.data.submittedAt)];
    case 'ReviewStarted':
      return [statusChanged(stored, event.data.assessmentId, 'in-review', event.data.startedAt)];
    case 'AssessmentApproved':
      return [statusChanged(stored, event.data.assessmentId, 'approved', event.data.approvedAt)];
    case 'AssessmentReturned':
      return [statusChanged(stored, event.data.assessmentId, 'returned', event.data.returnedAt)];
    case 'TargetSet': {
      // Reporting measures gaps against targets; who set one stays here.
      const { assessmentId, nodeId, target, setAt } = event.data;
      return [envelopeFrom<TargetSetV1>(stored, IntegrationEventTypes.targetSet, { assessmentId, nodeId, target, setAt })];
    }
    case 'AnswersImported':
    case 'AnswerConfirmed':
    case 'ItemAssigned':
    case 'RiskAccepted':
      // Bookkeeping of this service; the answers themselves go out as answer-recorded events.
      return [];
    default: {
      const unknown: never = event;
      throw new Error(`no translation for ${(unknown as StoredEvent).type}`);
    }
  }
}

function statusChanged(stored: StoredEvent, assessmentId: string, status: StatusChangedV1['status'], changedAt: string): IntegrationEnvelope {
  return envelopeFrom<StatusChangedV1>(stored, IntegrationEventTypes.statusChanged, { assessmentId, status, changedAt });
}
