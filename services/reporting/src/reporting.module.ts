import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IntegrationEventTypes, Topics } from '@assay/contracts';
import { validatedCatalogueProvider } from '@assay/frameworks';
import { PlatformModule, integrationConsumerProvider } from '@assay/service-kit';
import { onPracticeMaturityCalculated } from './consumers/practice-maturity-calculated.handler';
import { onScoresCalculated } from './consumers/scores-calculated.handler';
import { GetScorecardHandler } from './queries/get-scorecard/get-scorecard.handler';
import { GetScorecardHttpController } from './queries/get-scorecard/get-scorecard.http.controller';
import { REPORTING_CONSUMER_GROUP, reportingConfig } from './reporting.config';

const integrationHandlers = { [IntegrationEventTypes.practiceMaturityCalculated]: { 1: onPracticeMaturityCalculated, 2: onScoresCalculated } };

@Module({
  imports: [PlatformModule.forService(reportingConfig), CqrsModule.forRoot()],
  controllers: [GetScorecardHttpController],
  providers: [
    validatedCatalogueProvider,
    GetScorecardHandler,
    integrationConsumerProvider({ groupId: REPORTING_CONSUMER_GROUP, topics: [Topics.scoringEvents], handlers: integrationHandlers })],
})
export class ReportingModule {}
