import { Topics } from '@assay/contracts';
import { eventStoreMigrations } from '@assay/event-store';
import { ServiceConfig } from '@assay/service-kit';
import { REPORTING_SCHEMA, reportingMigrations } from './infrastructure/reporting-schema';

/** Reporting's one consumer group: score events in, read models out. */
export const REPORTING_CONSUMER_GROUP = 'reporting';

export const reportingConfig: ServiceConfig = {
  name: 'reporting',
  schema: REPORTING_SCHEMA,
  port: Number(process.env.REPORTING_PORT ?? 3003),
  openapi: 'contracts/openapi/reporting.yaml',
  // The event-store tables give reporting its inbox (and a store for report events to come).
  migrations: [eventStoreMigrations, reportingMigrations],
  consumerGroups: [REPORTING_CONSUMER_GROUP],
  topics: [{ topic: Topics.scoringEvents }],
};

