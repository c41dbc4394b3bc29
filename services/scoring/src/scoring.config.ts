import { Topics } from '@assay/contracts';
import { eventStoreMigrations } from '@assay/event-store';
import { ServiceConfig } from '@assay/service-kit';
import { scoringMigrations } from './infrastructure/scoring-migrations';
import { SCORING_SCHEMA } from './infrastructure/scoring-store';

/** Scoring's one consumer group: answers and evidence in, recalculations out. */
export const SCORING_CONSUMER_GROUP = 'scoring';

export const scoringConfig: ServiceConfig = {
  name: 'scoring',
  schema: SCORING_SCHEMA,
  port: Number(process.env.SCORING_PORT ?? 3002),
  openapi: 'contracts/openapi/scoring.yaml',
  migrations: [eventStoreMigrations, scoringMigrations],
  consumerGroups: [SCORING_CONSUMER_GROUP],
  topics: [{ topic: Topics.assessmentEvents }, { topic: Topics.scoringEvents }, { topic: Topics.evidenceEvents }],
};

