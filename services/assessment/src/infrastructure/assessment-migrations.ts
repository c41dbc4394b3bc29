import { MigrationSource, repoPath } from '@assay/postgres';

/** The assessment service's own tables (read models), applied after the event store's. */
export const assessmentMigrations: MigrationSource = { name: 'assessment', directory: repoPath('services/assessment/sql') };
