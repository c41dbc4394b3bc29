import { Pool, PoolClient } from 'pg';
import { PostgresEventStore, ReadAllCheckpoint, START_OF_LOG, StoredEvent } from '@assay/event-store';
import { ServiceRoles, createPool, roleConnectionString, withTransaction } from '@assay/postgres';
import { envelopeOfReceived } from '../consumers/received-events';
import { projectBatch } from './bulk-projection';
import { READ_MODEL_TABLES, createRebuildSchema, dropSchema, retiredSchemaOf } from './rebuild-schema';
import { SWAP_LOCK } from './swap-guard';

export interface RebuildProgress {
  phase: 'preparing' | 'replaying' | 'catching-up' | 'swapping' | 'done';
  /** Events in the log when the rebuild started: what "done" is measured against. */
  eventsTotal: number;
  eventsDone: number;
  eventsPerSecond: number;
  /** At the current rate; null until there is one. */
  secondsLeft: number | null;
}

export interface RebuildOptions {
  adminUrl: string;
  roles: ServiceRoles;
  /** Events read and projected per transaction. */
  batchSize?: number;
  /** Called after every batch and phase; a rejection fails the rebuild (the live tables stay). */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

export interface RebuildResult {
  eventsApplied: number;
  seconds: number;
  /** The log position the swapped-in tables reflect. */
  checkpoint: { transactionId: string; globalPosition: string };
}

export class RebuildAlreadyRunningError extends Error {
  constructor() {
    super('a rebuild of these read models is already running');
  }
}

/** Read models older than the log: rebuilt from the log, they would be gone. */
export class LogIncompleteError extends Error {
  constructor(readonly scorecards: number) {
    super(`${scorecards} scorecard(s) have no events in the log (they were written before reporting kept it); a rebuild would drop them, so none was started`);
  }
}

/** Scorecards whose score events the log does not hold (the received stream of their scorecard stream is missing). */
async function scorecardsMissingFromLog(admin: Pool, schema: string): Promise<number> {
  const { rows } = await admin.query(
    `SELECT count(*) AS n FROM ${schema}.scorecards s
     WHERE NOT EXISTS (SELECT 1 FROM ${schema}.streams r WHERE r.tenant_id = s.tenant_id AND r.stream_id = 'received-scorecard-' || s.assessment_id)`,
  );
  return Number(rows[0].n);
}

/**
 * Rebuilds every read model of the service from its own log of received events into fresh tables
 * while the live ones keep serving and the consumers keep writing, then swaps them in:
 *   1. replay the log up to its current end into the rebuild schema, batch by batch;
 *   2. catch up with what arrived meanwhile, until little is left;
 *   3. in one transaction, holding the swap lock (consumers take it shared per transaction), apply
 *      the last events and move the live tables out and the rebuilt ones in.
 * Anything failing before step 3 commits leaves the live tables as they were and drops the rebuild.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const { adminUrl, roles, batchSize = 5_000, onProgress = () => undefined } = options;
  const admin = createPool({ connectionString: adminUrl, applicationName: `${roles.schema}-rebuild-admin`, max: 2 });
  const writer = createPool({ connectionString: roleConnectionString(adminUrl, roles.app), applicationName: `${roles.schema}-rebuild`, max: 1 });
  const reader = createPool({ connectionString: roleConnectionString(adminUrl, roles.relay), applicationName: `${roles.schema}-rebuild-reader`, max: 1 });
  const guard = await admin.connect();
  const started = Date.now();
  let target: string | undefined;
  try {
    const { rows } = await guard.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`assay.rebuild.${roles.schema}`]);
    if (!rows[0].locked) throw new RebuildAlreadyRunningError();
    const missing = await scorecardsMissingFromLog(admin, roles.schema);
    if (missing > 0) throw new LogIncompleteError(missing);
    const log = new PostgresEventStore(roles.schema);
    const total = Number((await admin.query(`SELECT count(*) AS n FROM ${roles.schema}.events`)).rows[0].n);
    let done = 0;
    const report = async (phase: RebuildProgress['phase']) => {
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      await onProgress({ phase, eventsTotal: total, eventsDone: done, eventsPerSecond: Math.round(rate), secondsLeft: rate > 0 ? Math.max(0, Math.round((total - done) / rate)) : null });
    };
    await report('preparing');
    target = await createRebuildSchema(admin, adminUrl, roles);

    let checkpoint: ReadAllCheckpoint = START_OF_LOG;
    const apply = (client: PoolClient, events: StoredEvent[]) => projectBatch(client, target!, events.map(envelopeOfReceived));
    // 1 and 2: pages of the log (readAll stops below transactions still running), each projected in one transaction.
    const replayPage = async (): Promise<number> => {
      const events = await log.readAll(reader, checkpoint, batchSize);
      if (events.length === 0) return 0;
      await withTransaction(writer, (client) => apply(client, events));
      const last = events[events.length - 1];
      checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      done += events.length;
      return events.length;
    };
    while ((await replayPage()) === batchSize) await report('replaying');
    await report('catching-up');
    while ((await replayPage()) >= batchSize / 10) await report('catching-up');

    // 3: no consumer transaction is in flight under the exclusive swap lock, so every logged event
    // has committed and the rest of the log can be read without readAll's horizon.
    await report('swapping');
    const retired = retiredSchemaOf(roles.schema);
    // One transaction on one session: the final events are projected as the application role
    // (row-level security as ever), the tables moved as their owner.
    await withTransaction(admin, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SWAP_LOCK(roles.schema)]);
      const rest = await client.query(
        `SELECT global_position, transaction_id, event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at
         FROM ${roles.schema}.events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) ORDER BY transaction_id, global_position`,
        [checkpoint.transactionId.toString(), checkpoint.globalPosition.toString()],
      );
      const events: StoredEvent[] = rest.rows.map((r) => ({
        globalPosition: BigInt(r.global_position), transactionId: BigInt(r.transaction_id), eventId: r.event_id, tenantId: r.tenant_id, streamId: r.stream_id,
        streamVersion: r.stream_version, type: r.event_type, schemaVersion: r.schema_version, data: r.data, metadata: r.metadata, occurredAt: r.occurred_at,
      }));
      if (events.length) {
        await client.query(`SET LOCAL ROLE ${roles.app}`);
        await apply(client, events);
        const last = events[events.length - 1];
        checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
        done += events.length;
      }
      await client.query('RESET ROLE');
      await client.query(`DROP SCHEMA IF EXISTS ${retired} CASCADE`);
      await client.query(`CREATE SCHEMA ${retired} AUTHORIZATION ${roles.owner}`);
      await client.query(`SET LOCAL ROLE ${roles.owner}`);
      for (const table of READ_MODEL_TABLES) await client.query(`ALTER TABLE ${roles.schema}.${table} SET SCHEMA ${retired}`);
      for (const table of READ_MODEL_TABLES) await client.query(`ALTER TABLE ${target}.${table} SET SCHEMA ${roles.schema}`);
    });
    await dropSchema(admin, retired);
    await report('done');
    return { eventsApplied: done, seconds: (Date.now() - started) / 1000, checkpoint: { transactionId: checkpoint.transactionId.toString(), globalPosition: checkpoint.globalPosition.toString() } };
  } finally {
    if (target) await dropSchema(admin, target).catch(() => undefined);
    guard.release(true);
    await Promise.all([admin.end(), writer.end(), reader.end()]);
  }
}
