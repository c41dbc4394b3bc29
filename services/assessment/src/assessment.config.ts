import { Topics } from '@assay/contracts';
import { eventStoreMigrations } from '@assay/event-store';
import { personalDataMigrations } from '@assay/personal-data';
import { ServiceConfig, idempotencyMigrations } from '@assay/service-kit';
import { assessmentMigrations } from './infrastructure/assessment-migrations';
import { ASSESSMENT_SCHEMA } from './infrastructure/assessment-store';

export const assessmentConfig: ServiceConfig = {
  name: 'assessment',
  schema: ASSESSMENT_SCHEMA,
  port: Number(process.env.ASSESSMENT_PORT ?? 3001),
  openapi: 'contracts/openapi/assessment.yaml',
  // The service's own tables come second: their backfills read the event store's tables.
  migrations: [eventStoreMigrations, personalDataMigrations, idempotencyMigrations, assessmentMigrations],
  topics: [{ topic: Topics.assessmentEvents }],
};
