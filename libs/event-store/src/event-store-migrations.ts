import { MigrationSource, repoPath } from '@assay/postgres';

export const eventStoreMigrations: MigrationSource = {
  name: 'event-store',
  directory: repoPath('libs/event-store/sql'),
};
