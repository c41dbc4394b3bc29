import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Topics } from '@assay/contracts';
import { validatedCatalogueProvider } from '@assay/frameworks';
import { PlatformModule, integrationConsumerProvider } from '@assay/service-kit';
import { reportingHandlers } from './consumers/reporting-handlers';
import { REPORTING_SCHEMA } from './infrastructure/reporting-schema';
import { GetScorecardHandler } from './queries/get-scorecard/get-scorecard.handler';
import { DerivedScoresHttpController } from './queries/derived-scores/derived-scores.http.controller';
import { DerivedScoresReader } from './queries/derived-scores/derived-scores.reader';
import { GetScorecardHttpController } from './queries/get-scorecard/get-scorecard.http.controller';
import { MaturityHistoryHttpController } from './queries/maturity-history/maturity-history.http.controller';
import { MaturityHistoryReader } from './queries/maturity-history/maturity-history.reader';
import { ormTransactions } from './read-models/read-model-data-source';
import { READ_MODELS, ReadModels, ReadModelsLifecycle, readModelsProvider } from './read-models/read-models.provider';
import { RebuildJobs } from './rebuild/rebuild-jobs';
import { BrandingHttpController } from './reports/branding.http.controller';
import { ReportJobs } from './reports/report-jobs';
import { ReportsHttpController } from './reports/reports.http.controller';
import { RebuildHttpController } from './rebuild/rebuild.http.controller';
import { swapGuarded } from './rebuild/swap-guard';
import { REPORTING_CONSUMER_GROUP, reportingConfig } from './reporting.config';

@Module({
  imports: [PlatformModule.forService(reportingConfig), CqrsModule.forRoot()],
  controllers: [GetScorecardHttpController, MaturityHistoryHttpController, DerivedScoresHttpController, RebuildHttpController, ReportsHttpController, BrandingHttpController],
  providers: [
    validatedCatalogueProvider,
    readModelsProvider,
    ReadModelsLifecycle,
    GetScorecardHandler,
    MaturityHistoryReader,
    DerivedScoresReader,
    RebuildJobs,
    ReportJobs,
    integrationConsumerProvider({
      groupId: REPORTING_CONSUMER_GROUP,
      topics: [Topics.scoringEvents, Topics.assessmentEvents],
      handlers: reportingHandlers(REPORTING_SCHEMA),
      transactions: { inject: READ_MODELS, from: (readModels: ReadModels) => swapGuarded(ormTransactions(readModels.dataSource), readModels.schema) },
    })],
})
export class ReportingModule {}
