import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IntegrationEventTypes, Topics } from '@assay/contracts';
import { validatedCatalogueProvider } from '@assay/frameworks';
import { PlatformModule, eventRelayProvider, integrationConsumerProvider } from '@assay/service-kit';
import { onAnswerRecordedV1, onAnswerRecordedV2 } from './consumers/answer-recorded.handler';
import { onAssessmentStartedV1, onAssessmentStartedV2, onScopeChanged } from './consumers/assessment-started.handler';
import { onFrameworkImported } from './consumers/framework-imported.handler';
import { onEvidenceExpired, onEvidenceLinked, onEvidenceRecorded, onEvidenceReviewed, onEvidenceUnlinked, onEvidenceValidityChanged } from './consumers/evidence-events.handler';
import { toIntegrationEvents } from './infrastructure/to-integration-events';
import { GetAssessmentScoresHandler } from './queries/get-assessment-scores/get-assessment-scores.handler';
import { GetAssessmentScoresHttpController } from './queries/get-assessment-scores/get-assessment-scores.http.controller';
import { SCORING_CONSUMER_GROUP, scoringConfig } from './scoring.config';

const integrationHandlers = {
  [IntegrationEventTypes.frameworkImported]: { 1: onFrameworkImported },
  [IntegrationEventTypes.assessmentStarted]: { 1: onAssessmentStartedV1, 2: onAssessmentStartedV2 },
  [IntegrationEventTypes.scopeChanged]: { 1: onScopeChanged },
  [IntegrationEventTypes.answerRecorded]: { 1: onAnswerRecordedV1, 2: onAnswerRecordedV2 },
  // Evidence behind the answers: what the assured scores count.
  [IntegrationEventTypes.evidenceRecorded]: { 1: onEvidenceRecorded },
  [IntegrationEventTypes.evidenceReviewed]: { 1: onEvidenceReviewed },
  [IntegrationEventTypes.evidenceValidityChanged]: { 1: onEvidenceValidityChanged },
  [IntegrationEventTypes.evidenceExpired]: { 1: onEvidenceExpired },
  [IntegrationEventTypes.evidenceLinked]: { 1: onEvidenceLinked },
  [IntegrationEventTypes.evidenceUnlinked]: { 1: onEvidenceUnlinked },
};

@Module({
  imports: [PlatformModule.forService(scoringConfig), CqrsModule.forRoot()],
  controllers: [GetAssessmentScoresHttpController],
  providers: [
    validatedCatalogueProvider,
    GetAssessmentScoresHandler,
    integrationConsumerProvider({ groupId: SCORING_CONSUMER_GROUP, topics: [Topics.assessmentEvents, Topics.evidenceEvents], handlers: integrationHandlers }),
    eventRelayProvider({ topic: Topics.scoringEvents, translate: toIntegrationEvents, name: 'scoring-to-kafka' /* the checkpoint's original name */ }),
  ],
})
export class ScoringModule {}
