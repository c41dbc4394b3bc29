import { Topics } from '@assay/contracts';
import { eventStoreMigrations } from '@assay/event-store';
import { learnedFrameworkMigrations } from '@assay/learned-frameworks';
import { personalDataMigrations } from '@assay/personal-data';
import { MigrationSource, repoPath } from '@assay/postgres';
import { ServiceConfig, idempotencyMigrations } from '@assay/service-kit';
import { EVIDENCE_SCHEMA } from './infrastructure/evidence-schema';

/** Evidence learns assessments, their answers and tenants' frameworks from the assessment service. */
export const EVIDENCE_CONSUMER_GROUP = 'evidence';

const evidenceMigrations: MigrationSource = { name: 'evidence', directory: repoPath('services/evidence/sql') };

export const evidenceConfig: ServiceConfig = {
  name: 'evidence',
  schema: EVIDENCE_SCHEMA,
  port: Number(process.env.EVIDENCE_PORT ?? 3004),
  openapi: 'contracts/openapi/evidence.yaml',
  migrations: [eventStoreMigrations, personalDataMigrations, idempotencyMigrations, learnedFrameworkMigrations, evidenceMigrations],
  consumerGroups: [EVIDENCE_CONSUMER_GROUP],
  topics: [{ topic: Topics.evidenceEvents }, { topic: Topics.assessmentEvents }],
};

const MB = 1024 * 1024;
/** The upload cap of a tenant without its own (PUT /v1/evidence-settings). */
export const DEFAULT_MAX_UPLOAD_BYTES = Number(process.env.EVIDENCE_MAX_UPLOAD_BYTES ?? 25 * MB);
/** No tenant's cap goes beyond this: what one request may hold the service busy with. */
export const HIGHEST_MAX_UPLOAD_BYTES = 200 * MB;
