import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Pool } from 'pg';
import { withTransaction } from './transaction';
import { ServiceRoles } from './provision-service-schema';

export interface MigrationSource {
  /** Distinguishes migrations of shared libraries from the service's own (e.g. "event-store"). */
  name: string;
  directory: string;
}

/**
 * Applies pending SQL migrations to one service schema, in order, each in its own transaction,
 * as the schema's owner role so the application role never owns a table (row-level security
 * would not bind an owner). Files may use ${schema}, ${owner}, ${app} and ${relay}.
 */
/** Call after provisionServiceSchema (which creates the migration table). */
export async function migrate(adminPool: Pool, roles: ServiceRoles, sources: MigrationSource[]): Promise<string[]> {
  const applied: string[] = [];
  // schema_migrations is created by provisionServiceSchema, under its advisory lock: concurrent
  // CREATE TABLE IF NOT EXISTS can fail with a unique violation when two replicas start together.
  for (const source of sources) {
    const files = readdirSync(source.directory).filter((f) => f.endsWith('.sql')).sort();
    for (const file of files) {
      const id = `${source.name}/${basename(file)}`;
      const sql = render(readFileSync(join(source.directory, file), 'utf8'), roles);
      const done = await withTransaction(adminPool, async (client) => {
        // Serialise concurrent starters of the same service on the migration table.
        await client.query(`LOCK TABLE ${roles.schema}.schema_migrations IN EXCLUSIVE MODE`);
        const seen = await client.query(`SELECT 1 FROM ${roles.schema}.schema_migrations WHERE id = $1`, [id]);
        if (seen.rowCount) return false;
        await client.query(`SET LOCAL ROLE ${roles.owner}`);
        await client.query(`SET LOCAL search_path TO ${roles.schema}`);
        await client.query(sql);
        await client.query('RESET ROLE');
        await client.query(`INSERT INTO ${roles.schema}.schema_migrations (id) VALUES ($1)`, [id]);
        return true;
      });
      if (done) applied.push(id);
    }
  }
  return applied;
}

function render(sql: string, roles: ServiceRoles): string {
  return sql
    .replaceAll('${schema}', roles.schema)
    .replaceAll('${owner}', roles.owner)
    .replaceAll('${app}', roles.app)
    .replaceAll('${relay}', roles.relay);
}
