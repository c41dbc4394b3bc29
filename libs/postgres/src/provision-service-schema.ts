import { Pool } from 'pg';

/** The three roles every service schema has. Only the owner owns objects; it never serves requests. */
export interface ServiceRoles {
  schema: string;
  owner: string;
  /** Serves requests and consumers; owns nothing, so forced row-level security always applies. */
  app: string;
  /** Reads every tenant's events to publish them; nothing else. */
  relay: string;
}

/** Longest statement an application or relay session may run; migrations (owner) are exempt. */
export const STATEMENT_TIMEOUT = '30s';

const IDENTIFIER = /^[a-z][a-z0-9_]{0,40}$/;

export function serviceRoles(schema: string): ServiceRoles {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return { schema, owner: `${schema}_owner`, app: `${schema}_app`, relay: `${schema}_relay` };
}

/**
 * Creates (idempotently) the schema and roles of one service. Runs as a superuser. A forgotten
 * open transaction, or one stuck in a long statement, holds back the transaction horizon that every
 * relay on the server reads below (readAll), so each role gets an idle-in-transaction timeout and
 * the roles that serve requests and relays a statement timeout.
 */
export async function provisionServiceSchema(adminPool: Pool, schema: string): Promise<ServiceRoles> {
  const roles = serviceRoles(schema);
  const client = await adminPool.connect();
  client.on('error', () => undefined); // a lost session surfaces on the next statement
  try {
    // Role creation is cluster-wide and racy between parallel test files: serialise it.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['assay.provision']);
    for (const role of [roles.owner, roles.app, roles.relay]) {
      await client.query(
        `DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
             CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
           END IF;
         END $$`,
      );
      await client.query(`ALTER ROLE ${role} SET idle_in_transaction_session_timeout = '60s'`);
    }
    for (const role of [roles.app, roles.relay]) await client.query(`ALTER ROLE ${role} SET statement_timeout = '${STATEMENT_TIMEOUT}'`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${roles.owner}`);
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${roles.app}, ${roles.relay}`);
    await client.query(`GRANT CREATE ON SCHEMA ${schema} TO ${roles.owner}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  } finally {
    // Destroy the session on the way out: that releases the advisory lock even after a failed DDL.
    client.release(true);
  }
  return roles;
}

/** Connection string for a service role on the same server and database as the admin URL. */
export function roleConnectionString(adminUrl: string, role: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = '';
  return url.toString();
}
