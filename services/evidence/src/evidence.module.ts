import { Module } from '@nestjs/common';
import { IntegrationEventTypes, Topics } from '@assay/contracts';
import { validatedCatalogueProvider } from '@assay/frameworks';
import { PlatformModule, eventRelayProvider, integrationConsumerProvider } from '@assay/service-kit';
import { onAnswerRecorded, onAssessmentStarted, onFrameworkImported } from './consumers/assessment-events.handlers';
import { EVIDENCE_CONSUMER_GROUP, evidenceConfig } from './evidence.config';
import { EvidenceExpiry } from './expiry/evidence-expiry.provider';
import { EvidenceCatalogueHttpController } from './http/evidence-catalogue.http.controller';
import { EvidenceDownloadHttpController } from './http/evidence-download.http.controller';
import { EvidenceReviewHttpController } from './http/evidence-review.http.controller';
import { EvidenceHttpController } from './http/evidence.http.controller';
import { blobStoreProvider } from './infrastructure/blob-store.provider';
import { toIntegrationEvents } from './infrastructure/to-integration-events';

const integrationHandlers = {
  [IntegrationEventTypes.frameworkImported]: { 1: onFrameworkImported },
  [IntegrationEventTypes.assessmentStarted]: { 1: onAssessmentStarted, 2: onAssessmentStarted },
  [IntegrationEventTypes.answerRecorded]: { 1: onAnswerRecorded, 2: onAnswerRecorded },
};

@Module({
  imports: [PlatformModule.forService(evidenceConfig)],
  controllers: [EvidenceCatalogueHttpController, EvidenceDownloadHttpController, EvidenceReviewHttpController, EvidenceHttpController],
  providers: [
    validatedCatalogueProvider,
    blobStoreProvider,
    EvidenceExpiry,
    integrationConsumerProvider({ groupId: EVIDENCE_CONSUMER_GROUP, topics: [Topics.assessmentEvents], handlers: integrationHandlers }),
    eventRelayProvider({ topic: Topics.evidenceEvents, translate: toIntegrationEvents }),
  ],
})
export class EvidenceModule {}
