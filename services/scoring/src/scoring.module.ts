import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Topics } from '@assay/contracts';
import { validatedCatalogueProvider } from '@assay/frameworks';
import { PlatformModule, eventRelayProvider, integrationConsumerProvider } from '@assay/service-kit';
import { integrationHandlers } from './consumers/scoring-handlers';
import { toIntegrationEvents } from './infrastructure/to-integration-events';
import { GetAssessmentScoresHandler } from './queries/get-assessment-scores/get-assessment-scores.handler';
import { GetAssessmentScoresHttpController } from './queries/get-assessment-scores/get-assessment-scores.http.controller';
import { SCORING_CONSUMER_GROUP, scoringConfig } from './scoring.config';

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
