// npm run bench, last part: Assay's event store side by side with Emmett's PostgreSQL event store
// (@event-driven-io/emmett-postgresql), same server, same events, interleaved rounds, medians:
//   (1) appends of 10-event batches to new streams, 4 concurrent writers
//   (2) single-event appends with an expected version to existing streams, each stream sequential,
//       8 streams at once
//   (3) replay of a 100,000-event log in 2,000-event pages: Assay's readAll against Emmett's
//       readMessagesBatch, the global read its consumers page through (checkpoint after a global
//       position, ordered by transaction id and position, below the oldest running transaction)
// Each figure is printed as Assay/Emmett. Each store appends through its own atomic append (Emmett's
// appendToStream opens its transaction; Assay's appendAsTransaction is the one statement, tenant
// included, that commands use): Assay writes into a fresh test schema under its app role and
// row-level security; Emmett creates its own tables in a database of its own, created here and
// dropped afterwards.
//
// The peer is not a dependency of the product: bench/emmett/package.json and its lock file pin it,
// and deploy/bench.sh installs them into .tools/bench-emmett (outside every folder the build, lint
// and typecheck read), from where it is loaded at run time. The few calls made are typed below.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Client } from 'pg';
import { NewEvent, PostgresEventStore, START_OF_LOG } from '@assay/event-store';
import { ADMIN_URL, TestSchema, answerEvent, createTestSchema } from '@assay/testing';
import { inParallel, interleaved, ratePerSecond, report } from '../measure';

const ROUNDS = Number(process.env.BENCH_EMMETT_ROUNDS ?? 7);
const APPEND_EVENTS = Number(process.env.BENCH_EMMETT_EVENTS ?? 10_000); // per round and side
const BATCH = 10;
const WRITERS = 4;
const STREAMS = 8;
const SINGLE_APPENDS_PER_STREAM = 200; // per round and side
const LOG_EVENTS = 100_000;
const PAGE = 2_000;
const PEER_DIR = process.env.ASSAY_BENCH_EMMETT_DIR ?? join(process.env.ASSAY_ROOT ?? join(__dirname, '../../..'), '.tools/bench-emmett');
const DATABASE = 'assay_bench_emmett';
const TENANTS = Array.from({ length: STREAMS }, () => randomUUID());

interface EmmettEvent {
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}
interface EmmettStore {
  appendToStream(streamName: string, events: EmmettEvent[], options?: { expectedStreamVersion?: bigint | string }): Promise<{ nextExpectedStreamVersion: bigint }>;
  schema: { migrate(): Promise<unknown> };
  close(): Promise<void>;
}
type SqlExecutor = object;
interface DumboPool {
  execute: SqlExecutor;
}
interface Emmett {
  STREAM_DOES_NOT_EXIST: string;
}
interface EmmettPostgreSQL {
  getPostgreSQLEventStore(connectionString: string, options?: { connectionOptions?: { dumbo: DumboPool } }): EmmettStore;
  readMessagesBatch(execute: SqlExecutor, options: { after: bigint; batchSize: number }): Promise<{ currentGlobalPosition: bigint; messages: unknown[] }>;
}
interface Dumbo {
  dumbo(options: { connectionString: string }): DumboPool;
}

function loadPeer() {
  if (!existsSync(join(PEER_DIR, 'node_modules/@event-driven-io/emmett-postgresql'))) {
    throw new Error(`Emmett is not installed in ${PEER_DIR}: deploy/bench.sh installs it from bench/emmett's lock file`);
  }
  const peer = createRequire(join(PEER_DIR, 'package.json'));
  const manifest = join(PEER_DIR, 'node_modules/@event-driven-io/emmett-postgresql/package.json');
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  return {
    version,
    emmett: peer('@event-driven-io/emmett') as Emmett,
    postgres: peer('@event-driven-io/emmett-postgresql') as EmmettPostgreSQL,
    dumbo: peer('@event-driven-io/dumbo') as Dumbo,
  };
}

const toEmmett = (e: NewEvent): EmmettEvent => ({ type: e.type, data: e.data, metadata: e.metadata });
const batchOf = (size: number) => {
  const assessment = randomUUID();
  return Array.from({ length: size }, (_, i) => answerEvent(assessment, `GOV-SM-A${(i % 3) + 1}`, i % 4));
};
const ratio = (name: string, assay: { perSecond: number }, emmett: { perSecond: number }) =>
  `${report(name, assay, emmett)}  Assay/Emmett ${(assay.perSecond / emmett.perSecond).toFixed(2)}×`;

type Side = {
  appendNew(writer: number, stream: string, events: NewEvent[]): Promise<void>;
  appendExpected(writer: number, stream: string, event: NewEvent, expected: number): Promise<number>;
  replay(): Promise<number>;
};

function assaySide(db: TestSchema): Side {
  const store = new PostgresEventStore(db.roles.schema);
  return {
    appendNew: async (writer, stream, events) => {
      const tenant = TENANTS[writer];
      await store.appendAsTransaction(db.app, tenant, stream, events, 'no_stream');
    },
    appendExpected: async (writer, stream, event, expected) => {
      const tenant = TENANTS[writer];
      const result = await store.appendAsTransaction(db.app, tenant, stream, [event], expected);
      return result.nextExpectedVersion;
    },
    replay: async () => {
      let checkpoint = START_OF_LOG;
      let count = 0;
      for (;;) {
        const page = await store.readAll(db.relay, checkpoint, PAGE);
        if (page.length === 0) return count;
        count += page.length;
        const last = page[page.length - 1];
        checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      }
    },
  };
}

function emmettSide(peer: ReturnType<typeof loadPeer>, store: EmmettStore, pool: DumboPool): Side {
  return {
    appendNew: async (_writer, stream, events) => {
      await store.appendToStream(stream, events.map(toEmmett), { expectedStreamVersion: peer.emmett.STREAM_DOES_NOT_EXIST });
    },
    appendExpected: async (_writer, stream, event, expected) => {
      const result = await store.appendToStream(stream, [toEmmett(event)], { expectedStreamVersion: BigInt(expected) });
      return Number(result.nextExpectedStreamVersion);
    },
    replay: async () => {
      let after = 0n;
      let count = 0;
      for (;;) {
        const page = await peer.postgres.readMessagesBatch(pool.execute, { after, batchSize: PAGE });
        if (page.messages.length === 0) return count;
        count += page.messages.length;
        after = page.currentGlobalPosition;
      }
    },
  };
}

/** Fills a side's log with LOG_EVENTS events (untimed): 10-event appends to new streams, 4 writers. */
const load = (side: Side, prefix: string) => inParallel(LOG_EVENTS, BATCH, WRITERS, (writer, index) => side.appendNew(writer, `${prefix}-${index}`, batchOf(BATCH)));

async function benchReplay(assay: Side, emmett: Side) {
  const [e, a] = await interleaved(ROUNDS, () => ratePerSecond(emmett.replay), () => ratePerSecond(assay.replay));
  return ratio(`(3) replay ${LOG_EVENTS / 1000}k, ${PAGE}/page`, a, e);
}

async function benchAppends(assay: Side, emmett: Side) {
  let round = 0;
  const appends = (side: Side, name: string) => () =>
    ratePerSecond(() => inParallel(APPEND_EVENTS, BATCH, WRITERS, (writer, index) => side.appendNew(writer, `${name}-${round}-${index}`, batchOf(BATCH))));
  const [e, a] = await interleaved(ROUNDS, appends(emmett, 'emmett'), () => appends(assay, 'assay')().finally(() => round++));
  return ratio(`(1) appends ${BATCH}/append, ${WRITERS} writers`, a, e);
}

async function benchExpectedAppends(assay: Side, emmett: Side) {
  const streams = async (side: Side, name: string) => {
    const versions = Array.from({ length: STREAMS }, () => 1);
    await Promise.all(versions.map((_, s) => side.appendNew(s, `${name}-${s}`, batchOf(1))));
    return () =>
      ratePerSecond(async () => {
        await Promise.all(
          versions.map(async (_, s) => {
            for (let i = 0; i < SINGLE_APPENDS_PER_STREAM; i++) versions[s] = await side.appendExpected(s, `${name}-${s}`, batchOf(1)[0], versions[s]);
          }),
        );
        return STREAMS * SINGLE_APPENDS_PER_STREAM;
      });
  };
  const [e, a] = await interleaved(ROUNDS, await streams(emmett, 'single'), await streams(assay, 'single'));
  return ratio(`(2) 1/append, expected v., ${STREAMS} streams`, a, e);
}

async function main() {
  const peer = loadPeer();
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const emmettUrl = new URL(ADMIN_URL);
  emmettUrl.pathname = `/${DATABASE}`;
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  const db = await createTestSchema('sbs');
  const pool = peer.dumbo.dumbo({ connectionString: emmettUrl.toString() });
  const store = peer.postgres.getPostgreSQLEventStore(emmettUrl.toString(), { connectionOptions: { dumbo: pool } });
  try {
    await store.schema.migrate();
    const assay = assaySide(db);
    const emmett = emmettSide(peer, store, pool);
    console.log(`Assay vs Emmett ${peer.version} (PostgreSQL event stores; the baseline is Emmett), median of ${ROUNDS} interleaved rounds, Node ${process.version}`);

    await Promise.all([load(assay, 'log'), load(emmett, 'log')]);
    // Both logs analyzed once loaded, as autovacuum would: steady-state plans on either side.
    await db.admin.query(`VACUUM (ANALYZE) ${db.roles.schema}.events`);
    const emmettAdmin = new Client({ connectionString: emmettUrl.toString() });
    await emmettAdmin.connect();
    await emmettAdmin.query('VACUUM (ANALYZE) emt_messages');
    await emmettAdmin.end();
    console.log(await benchReplay(assay, emmett));
    console.log(await benchAppends(assay, emmett));
    console.log(await benchExpectedAppends(assay, emmett));
  } finally {
    await store.close();
    await db.drop();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
