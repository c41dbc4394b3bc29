import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Topics } from '@assay/contracts';
import { validatedCatalogueProvider } from '@assay/frameworks';
import { PlatformModule, eventRelayProvider } from '@assay/service-kit';
import { assessmentConfig } from './assessment.config';
import { RecordAnswerHandler } from './commands/record-answer/record-answer.handler';
import { RecordAnswerHttpController } from './commands/record-answer/record-answer.http.controller';
import { StartAssessmentHandler } from './commands/start-assessment/start-assessment.handler';
import { StartAssessmentHttpController } from './commands/start-assessment/start-assessment.http.controller';
import { ChangeAssessmentHandler } from './commands/change-assessment/change-assessment.handler';
import { AssessmentLifecycleHttpController } from './commands/change-assessment/assessment-lifecycle.http.controller';
import { AssessmentPlanningHttpController } from './commands/change-assessment/assessment-planning.http.controller';
import { AiSystemsHttpController } from './commands/ai-systems/ai-systems.http.controller';
import { ChangeAiSystemHandler, RegisterAiSystemHandler } from './commands/ai-systems/ai-system.handlers';
import { StartRevisionHttpController } from './commands/start-revision/start-revision';
import { GetAiSystemHandler, ListAiSystemsHandler } from './queries/ai-systems/ai-system.queries';
import { ListAssessmentsHttpController } from './queries/list-assessments/list-assessments.http.controller';
import { ListAssessmentsHandler } from './queries/list-assessments/list-assessments.query';
import { AnswerHistoryHttpController } from './queries/answer-history/answer-history';
import { ImportAnswerFileHttpController } from './commands/import-answer-file/import-answer-file';
import { GetAssessmentHandler } from './queries/get-assessment/get-assessment.handler';
import { GetAssessmentHttpController } from './queries/get-assessment/get-assessment.http.controller';
import { toIntegrationEvents } from './infrastructure/to-integration-events';
import { ImportFrameworkHandler } from './commands/import-framework/import-framework.handler';
import { ImportFrameworkHttpController } from './commands/import-framework/import-framework.http.controller';
import { ImportWorkbookHandler } from './commands/import-workbook/import-workbook.handler';
import { ImportWorkbookHttpController } from './commands/import-workbook/import-workbook.http.controller';
import { ExportWorkbookHttpController } from './queries/export-workbook/export-workbook.http.controller';
import { FrameworkCatalogueHttpController } from './queries/framework-catalogue/framework-catalogue.http.controller';
import { PreviewCrosswalkHttpController } from './queries/preview-crosswalk/preview-crosswalk.http.controller';
import { PreviewCrosswalkHandler } from './queries/preview-crosswalk/preview-crosswalk.query';
import { GetFrameworkHandler, ListFrameworksHandler } from './queries/framework-catalogue/framework-catalogue.queries';

const httpControllers = [
  AnswerHistoryHttpController,
  ListAssessmentsHttpController,
  AiSystemsHttpController,
  StartRevisionHttpController,
  StartAssessmentHttpController,
  RecordAnswerHttpController,
  AssessmentLifecycleHttpController,
  AssessmentPlanningHttpController,
  GetAssessmentHttpController,
  // Before the workbook importer: its :format would take csv and json too.
  ImportAnswerFileHttpController,
  ImportWorkbookHttpController,
  ExportWorkbookHttpController,
  ImportFrameworkHttpController,
  FrameworkCatalogueHttpController,
  PreviewCrosswalkHttpController,
];
const commandHandlers = [RegisterAiSystemHandler, ChangeAiSystemHandler, StartAssessmentHandler, RecordAnswerHandler, ChangeAssessmentHandler, ImportWorkbookHandler, ImportFrameworkHandler];
const queryHandlers = [ListAssessmentsHandler, GetAiSystemHandler, ListAiSystemsHandler, GetAssessmentHandler, ListFrameworksHandler, GetFrameworkHandler, PreviewCrosswalkHandler];

@Module({
  imports: [PlatformModule.forService(assessmentConfig), CqrsModule.forRoot()],
  controllers: httpControllers,
  providers: [
    validatedCatalogueProvider,
    ...commandHandlers, ...queryHandlers, eventRelayProvider({ topic: Topics.assessmentEvents, translate: toIntegrationEvents, name: 'assessment-to-kafka' /* the checkpoint's original name */ })],
})
export class AssessmentModule {}
