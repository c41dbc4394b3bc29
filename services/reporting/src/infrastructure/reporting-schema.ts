import { MigrationSource, repoPath } from '@assay/postgres';

export const REPORTING_SCHEMA = 'reporting';

export const reportingMigrations: MigrationSource = { name: 'reporting', directory: repoPath('services/reporting/sql') };
