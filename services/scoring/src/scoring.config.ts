import { Topics } from '@assay/contracts';
import { eventStoreMigrations } from '@assay/event-store';
import { ServiceConfig } from '@assay/service-kit';
import { SCORING_SCHEMA } from './infrastructure/scoring-store';

export const scoringConfig: ServiceConfig = {
  name: 'scoring',
  schema: SCORING_SCHEMA,
  port: Number(process.env.SCORING_PORT ?? 3002),
  openapi: 'contracts/openapi/scoring.yaml',
  migrations: [eventStoreMigrations],
  consumerGroup: 'scoring',
  topics: [{ topic: Topics.assessmentEvents }, { topic: Topics.scoringEvents }],
};

