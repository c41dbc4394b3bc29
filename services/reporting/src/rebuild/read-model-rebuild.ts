import { Pool, PoolClient } from 'pg';
import { IntegrationEventTypes } from '@assay/contracts';
import { ReadAllCheckpoint, START_OF_LOG } from '@assay/event-store';
import { ServiceRoles, createPool, withTransaction } from '@assay/postgres';
import { dropAppendOnlyKeys, pageEnd, projectAssessments, projectDerived, projectHistory, projectLatestNodeScores, projectLatestScorecards, projectRange } from './set-based-projection';
import { READ_MODEL_TABLES, createRebuildSchema, dropSchema, retiredSchemaOf } from './rebuild-schema';
import { SWAP_LOCK } from './swap-guard';

/** How long the swap waits for readers to let go of the live tables, and how often it tries. */
const SWAP_LOCK_TIMEOUT_MS = 5_000;
const SWAP_ATTEMPTS = 5;

/** Pages of the replay projected side by side (this machine has two cores). */
const PAGES_AT_ONCE = 2;

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

/**
 * Waits for every one of `work` to end, then fails with the first failure: a chain that failed
 * must not let the clean-up drop the rebuild schema under the other one still holding its locks.
 */
async function allSettled(work: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export class RebuildAlreadyRunningError extends Error {
  constructor() {
    super('a rebuild of these read models is already running');
  }
}

/** Read models older than the log: rebuilt from the log, they would be gone. */
export class LogIncompleteError extends Error {
  constructor(readonly scorecards: number, readonly frameworks: number) {
    super(
      `${scorecards} scorecard(s) absorbed score events the log does not hold, and ${frameworks} learned framework(s) have no logged import (written before reporting kept its log); a rebuild would drop them, so none was started`,
    );
  }
}

/**
 * What the live tables hold that the log does not: scorecards whose count of applied score events
 * is more than the score events logged for their stream (their early events predate the log), and
 * learned frameworks with no logged import.
 */
async function missingFromLog(admin: Pool, schema: string): Promise<{ scorecards: number; frameworks: number }> {
  const { rows } = await admin.query(
    `SELECT
       (SELECT count(*) FROM ${schema}.scorecards s
         WHERE s.score_events_applied > (SELECT count(*) FROM ${schema}.events e
                                          WHERE e.tenant_id = s.tenant_id AND e.stream_id = 'received-scorecard-' || s.assessment_id
                                            AND e.event_type = '${IntegrationEventTypes.practiceMaturityCalculated}')) AS scorecards,
       (SELECT count(*) FROM ${schema}.tenant_frameworks f
         WHERE NOT EXISTS (SELECT 1 FROM ${schema}.events e WHERE e.tenant_id = f.tenant_id AND e.event_type = '${IntegrationEventTypes.frameworkImported}'
                             AND e.data->'definition'->>'id' = f.framework_id AND e.data->'definition'->>'version' = f.version)) AS frameworks`,
  );
  return { scorecards: Number(rows[0].scorecards), frameworks: Number(rows[0].frameworks) };
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
  const admin = createPool({ connectionString: adminUrl, applicationName: `${roles.schema}-rebuild`, max: 5 });
  const guard = await admin.connect();
  const started = Date.now();
  let target: string | undefined;
  try {
    const { rows } = await guard.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`assay.rebuild.${roles.schema}`]);
    if (!rows[0].locked) throw new RebuildAlreadyRunningError();
    const missing = await missingFromLog(admin, roles.schema);
    if (missing.scorecards > 0 || missing.frameworks > 0) throw new LogIncompleteError(missing.scorecards, missing.frameworks);
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
    const nextPage = () => withTransaction(admin, (client) => pageEnd(client, roles.schema, checkpoint, batchSize, true));
    const inTransaction = (work: (client: PoolClient) => Promise<void>) =>
      withTransaction(admin, async (client) => {
        // A lost commit costs only a rebuild that starts over: no need to wait for the WAL flush.
        await client.query('SET LOCAL synchronous_commit = off');
        await work(client);
      });

    // 1: the log as it stood, below readAll's horizon (transactions older than every running one):
    // the append-only history, PAGES_AT_ONCE pages side by side into tables without keys.
    const keys = await dropAppendOnlyKeys(admin, roles.schema, target);
    for (;;) {
      const pages: { after: ReadAllCheckpoint; upTo: ReadAllCheckpoint; events: number }[] = [];
      while (pages.length < PAGES_AT_ONCE) {
        const page = await nextPage();
        if (!page) break;
        pages.push({ after: checkpoint, ...page });
        checkpoint = page.upTo;
      }
      await allSettled(pages.map((p) => inTransaction((client) => projectHistory(client, roles.schema, target!, p, true))));
      done += pages.reduce((n, p) => n + p.events, 0);
      await report('replaying');
      if (pages.length < PAGES_AT_ONCE || pages.at(-1)!.events < batchSize) break;
    }
    // Then, once, the keys and what depends on the whole replay, in two chains side by side (each
    // key is built by sorting its own table, and each table's latest figures read only that
    // table): node changes' key, then the node scores; the other keys, then the scorecards, the
    // assessments and the derived scores.
    const replayed = { after: START_OF_LOG, upTo: checkpoint };
    const settle = (work: (client: PoolClient) => Promise<void>) =>
      inTransaction(async (client) => {
        await client.query(`SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '256MB'`);
        await work(client);
      });
    await allSettled([
      settle(async (client) => {
        await client.query(keys.node_changes);
        await projectLatestNodeScores(client, target!);
      }),
      settle(async (client) => {
        await client.query(keys.score_changes);
        await client.query(keys.node_targets);
        await projectLatestScorecards(client, target!);
        await projectAssessments(client, roles.schema, target!, replayed);
        await projectDerived(client, roles.schema, target!, replayed);
      }),
    ]);

    // 2: what arrived meanwhile, a page at a time with everything it changes, until little is left.
    const catchUpPage = async (): Promise<number> => {
      const page = await nextPage();
      if (!page) return 0;
      await inTransaction((client) => projectRange(client, roles.schema, target!, { after: checkpoint, upTo: page.upTo }));
      checkpoint = page.upTo;
      done += page.events;
      return page.events;
    };
    await report('catching-up');
    while ((await catchUpPage()) >= batchSize / 10) await report('catching-up');

    // 3: no consumer transaction is in flight under the exclusive swap lock, so every logged event
    // has committed and the rest of the log is read without the horizon; the tables are then moved
    // by their owner, all in one transaction.
    await report('swapping');
    const retired = retiredSchemaOf(roles.schema);
    // Readers take no swap lock; they may hold one table while waiting for another. So every table
    // is locked before anything else, with a lock timeout; a timeout or a deadlock rolls back the
    // swap only, which is tried again (the rebuilt tables are still there).
    const swap = () =>
      withTransaction(admin, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SWAP_LOCK(roles.schema)]);
        await client.query(`SET LOCAL lock_timeout = '${SWAP_LOCK_TIMEOUT_MS}ms'`);
        await client.query(`LOCK TABLE ${READ_MODEL_TABLES.map((t) => `${roles.schema}.${t}`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
        const rest = await pageEnd(client, roles.schema, checkpoint, Number.MAX_SAFE_INTEGER, false);
        if (rest) {
          await projectRange(client, roles.schema, target!, { after: checkpoint, upTo: rest.upTo });
          checkpoint = rest.upTo;
          done += rest.events;
        }
        await client.query(`DROP SCHEMA IF EXISTS ${retired} CASCADE`);
        await client.query(`CREATE SCHEMA ${retired} AUTHORIZATION ${roles.owner}`);
        await client.query(`SET LOCAL ROLE ${roles.owner}`);
        for (const table of READ_MODEL_TABLES) await client.query(`ALTER TABLE ${roles.schema}.${table} SET SCHEMA ${retired}`);
        for (const table of READ_MODEL_TABLES) await client.query(`ALTER TABLE ${target}.${table} SET SCHEMA ${roles.schema}`);
      });
    for (let attempt = 1; ; attempt++) {
      const before = { checkpoint, done };
      try {
        await swap();
        break;
      } catch (error) {
        ({ checkpoint, done } = before);
        const code = (error as { code?: string }).code;
        if (attempt >= SWAP_ATTEMPTS || (code !== '55P03' && code !== '40P01')) throw error;
        await report('catching-up');
        while ((await catchUpPage()) >= batchSize / 10) await report('catching-up');
      }
    }
    await dropSchema(admin, retired);
    await report('done');
    return { eventsApplied: done, seconds: (Date.now() - started) / 1000, checkpoint: { transactionId: checkpoint.transactionId.toString(), globalPosition: checkpoint.globalPosition.toString() } };
  } finally {
    if (target) await dropSchema(admin, target).catch(() => undefined);
    guard.release(true);
    await admin.end();
  }
}
