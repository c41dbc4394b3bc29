import { MigrationSource, repoPath } from '@assay/postgres';

/** The tenant key table, in the schema of every service that keeps personal data in its events. */
export const personalDataMigrations: MigrationSource = { name: 'personal-data', directory: repoPath('libs/personal-data/sql') };
