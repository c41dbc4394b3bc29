import { MigrationSource, repoPath } from '@assay/postgres';

/** The scoring service's own tables, applied after the event store's. */
export const scoringMigrations: MigrationSource = { name: 'scoring', directory: repoPath('services/scoring/sql') };
