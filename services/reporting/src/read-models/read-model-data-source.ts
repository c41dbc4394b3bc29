import { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { ServiceRoles, TransactionRunner, roleConnectionString } from '@assay/postgres';
import { isUuid } from '@assay/tenancy';
import { historyEntities } from './history-entities';
import { MaturityHistory1764633600000 } from './migrations/1764633600000-maturity-history';
import { Reports1764720000000 } from './migrations/1764720000000-reports';
import { ScoreChangeAnswers1764806400000 } from './migrations/1764806400000-score-change-answers';
import { DerivedScores1764979200000 } from './migrations/1764979200000-derived-scores';
import { reportEntities } from './report-entities';

export const READ_MODEL_MIGRATIONS = [MaturityHistory1764633600000, Reports1764720000000, ScoreChangeAnswers1764806400000, DerivedScores1764979200000];

/** Pool settings as createPool gives every other pool of the platform (libs/postgres). */
function dataSourceFor(url: string, schema: string, applicationName: string, max: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    applicationName,
    entities: [...Object.values(historyEntities(schema)), ...Object.values(reportEntities(schema))],
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000, idle_in_transaction_session_timeout: 60_000, keepAlive: true },
  });
}

/** The read models' data source for the service's application role (row-level security binds it). */
export function readModelDataSource(adminUrl: string, roles: ServiceRoles, schema = roles.schema, max = 10): DataSource {
  return dataSourceFor(roleConnectionString(adminUrl, roles.app), schema, `${roles.schema}-read-models`, max);
}

/**
 * Applies the TypeORM migrations of the read models in `schema` as the owner role, one starter at a
 * time (an advisory lock held by one session while another runs the migrations).
 */
export async function migrateReadModels(adminUrl: string, roles: ServiceRoles, schema = roles.schema): Promise<void> {
  const dataSource = dataSourceFor(roleConnectionString(adminUrl, roles.owner), schema, `${roles.schema}-migrations`, 2);
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`assay.read-models.${schema}`]);
    await dataSource.runMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`assay.read-models.${schema}`]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

const managers = new WeakMap<PoolClient, EntityManager>();

/** The entity manager of the ORM transaction `client` is in (see ormTransactions). */
export function managerOf(client: PoolClient): EntityManager {
  const manager = managers.get(client);
  if (!manager) throw new Error('not inside a read-model transaction: the consumer must open its transactions with ormTransactions');
  return manager;
}

/**
 * Consumer transactions opened by TypeORM: the inbox rows (written with the raw connection) and the
 * read-model writes (with the transaction's entity manager) share one connection, so they commit or
 * roll back together.
 */
export function ormTransactions(dataSource: DataSource): TransactionRunner {
  return async (work) => {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    managers.set(client, runner.manager);
    try {
      await runner.startTransaction();
      const result = await work(client);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      // A connection lost mid-transaction emits 'error', on which TypeORM drops it from the pool.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      managers.delete(client);
      await runner.release();
    }
  };
}

/** A read transaction under one tenant (row-level security), with its entity manager. */
export async function withTenantManager<T>(dataSource: DataSource, tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    return work(manager);
  });
}
