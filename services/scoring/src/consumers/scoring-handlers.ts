import { IntegrationEventTypes } from '@assay/contracts';
import { IntegrationHandlers } from '@assay/messaging';
import { onAnswerRecorded } from './answer-recorded.handler';
import { onAssessmentStartedV1, onAssessmentStartedV2, onScopeChanged } from './assessment-started.handler';
import { onEvidenceExpired, onEvidenceLinked, onEvidenceRecorded, onEvidenceReviewed, onEvidenceUnlinked, onEvidenceValidityChanged } from './evidence-events.handler';
import { onFrameworkImported } from './framework-imported.handler';

/** What scoring consumes, by integration event type and version. */
export const integrationHandlers: IntegrationHandlers = {
  [IntegrationEventTypes.frameworkImported]: { 1: onFrameworkImported },
  [IntegrationEventTypes.assessmentStarted]: { 1: onAssessmentStartedV1, 2: onAssessmentStartedV2 },
  [IntegrationEventTypes.scopeChanged]: { 1: onScopeChanged },
  [IntegrationEventTypes.answerRecorded]: { 1: onAnswerRecorded, 2: onAnswerRecorded },
  // Evidence behind the answers: what the assured scores count.
  [IntegrationEventTypes.evidenceRecorded]: { 1: onEvidenceRecorded },
  [IntegrationEventTypes.evidenceReviewed]: { 1: onEvidenceReviewed },
  [IntegrationEventTypes.evidenceValidityChanged]: { 1: onEvidenceValidityChanged },
  [IntegrationEventTypes.evidenceExpired]: { 1: onEvidenceExpired },
  [IntegrationEventTypes.evidenceLinked]: { 1: onEvidenceLinked },
  [IntegrationEventTypes.evidenceUnlinked]: { 1: onEvidenceUnlinked },
};

