import { Topics } from '@assay/contracts';
import { eventStoreMigrations } from '@assay/event-store';
import { learnedFrameworkMigrations } from '@assay/learned-frameworks';
import { ServiceConfig } from '@assay/service-kit';
import { REPORTING_SCHEMA, reportingMigrations } from './infrastructure/reporting-schema';
import { migrateReadModels } from './read-models/read-model-data-source';

/** Reporting's one consumer group: assessment and score events in, read models out. */
export const REPORTING_CONSUMER_GROUP = 'reporting';

export const reportingConfig: ServiceConfig = {
  name: 'reporting',
  schema: REPORTING_SCHEMA,
  port: Number(process.env.REPORTING_PORT ?? 3003),
  openapi: 'contracts/openapi/reporting.yaml',
  // The event-store tables hold reporting's inbox and its log of the events it applied.
  migrations: [eventStoreMigrations, learnedFrameworkMigrations, reportingMigrations],
  // The maturity-history read models are TypeORM's (entities, migrations, repositories).
  afterMigrations: (adminUrl, roles) => migrateReadModels(adminUrl, roles),
  consumerGroups: [REPORTING_CONSUMER_GROUP],
  topics: [{ topic: Topics.scoringEvents }, { topic: Topics.assessmentEvents }],
};
