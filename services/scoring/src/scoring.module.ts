import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IntegrationEventTypes, Topics } from '@assay/contracts';
import { PlatformModule, eventRelayProvider, integrationConsumerProvider } from '@assay/service-kit';
import { onAnswerRecorded } from './consumers/answer-recorded.handler';
import { toIntegrationEvents } from './infrastructure/to-integration-events';
import { GetAssessmentScoresHandler } from './queries/get-assessment-scores/get-assessment-scores.handler';
import { GetAssessmentScoresHttpController } from './queries/get-assessment-scores/get-assessment-scores.http.controller';
import { scoringConfig } from './scoring.config';

const integrationHandlers = { [IntegrationEventTypes.answerRecorded]: onAnswerRecorded };

@Module({
  imports: [PlatformModule.forService(scoringConfig), CqrsModule.forRoot()],
  controllers: [GetAssessmentScoresHttpController],
  providers: [
    GetAssessmentScoresHandler,
    integrationConsumerProvider(scoringConfig.consumerGroup!, [Topics.assessmentEvents], integrationHandlers),
    eventRelayProvider(Topics.scoringEvents, toIntegrationEvents),
  ],
})
export class ScoringModule {}
