// npm run bench: throughput of the platform's spine, each figure a ratio to a baseline measured
// in the same run on the same machine (the machine is noisy; absolute numbers are not comparable).
//   (a) event-store appends vs raw multi-row INSERTs into an identical table, in both append shapes
//   (b) relay to Kafka vs the same client producing the same messages directly, for each client
//       (kafkajs and @platformatic/kafka), and the two clients' direct and relay rates compared
//   (c) replay (read-all in transaction order) vs a raw sequential scan of the same rows
//   (d) rebuilding reporting's read models is services/reporting/src/rebuild/read-model-rebuild.bench.ts
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { EventContractRegistry, EventRelay, KafkaMessagePublisher, MessagePublisher, PlatformaticMessagePublisher, brokersFromEnv, outboundMessages } from '@assay/messaging';
import { PostgresEventStore, START_OF_LOG } from '@assay/event-store';
import { createLogger } from '@assay/observability';
import { Queryable } from '@assay/postgres';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, answerEnvelope, answerEvent, createTestSchema, createTestTopic, testKafka } from '@assay/testing';
import { CAN_READ_OTHER_PROCESSES, CpuReading, CpuUse, cpuSince, readCpu } from './machine-cpu';
import { inParallel, interleaved, median, medianBy, ratePerSecond, report, spread } from './measure';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = 10; // events per append: a typical command's output is 1–10 events
const WORKERS = 4;
const ROUNDS = 3;
const RELAY_ROUNDS = 5; // (b) compares four runs, two of them across clients: more rounds for a steadier median
/** BENCH_ONLY=b (or c): just those parts, e.g. to profile one. */
const ONLY = process.env.BENCH_ONLY ?? 'abc';
const TENANTS = Array.from({ length: 8 }, () => randomUUID());

/**
 * The store's appends against raw multi-row INSERTs of the same rows into an identical table, in
 * the two shapes the product appends in, each against a baseline of the same shape:
 * - as a command makes them from cached state (runCommand): one autocommit statement, the tenant
 *   set inside it (append_events_as_tenant), against one autocommit INSERT;
 * - inside a tenant transaction (handleCommand, consumers): BEGIN, tenant, append, COMMIT, against
 *   the INSERT inside the same kind of transaction.
 */
async function benchAppends(db: TestSchema, store: PostgresEventStore): Promise<string[]> {
  const raw = `${db.roles.schema}.raw_events`;
  await db.admin.query(`CREATE TABLE ${raw} (LIKE ${db.roles.schema}.events INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)`);
  await db.admin.query(`ALTER TABLE ${raw} ALTER COLUMN global_position ADD GENERATED ALWAYS AS IDENTITY`);
  await db.admin.query(`GRANT INSERT, SELECT ON ${raw} TO ${db.roles.app}`);
  const batchOf = (assessment: string) => Array.from({ length: BATCH }, (_, i) => answerEvent(assessment, `GOV-SM-A${(i % 3) + 1}`, i % 4));
  const rawInsert = (client: Queryable, tenant: string, streamId: string) => {
    const events = batchOf(randomUUID());
    return client.query(
      `INSERT INTO ${raw} (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       SELECT e.event_id, $1, $2, e.ord, e.event_type, 1, e.data, e.metadata, e.occurred_at
       FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[]) WITH ORDINALITY AS e(event_id, event_type, data, metadata, occurred_at, ord)`,
      [tenant, streamId, events.map((e) => e.eventId), events.map((e) => e.type), events.map((e) => JSON.stringify(e.data)), events.map((e) => JSON.stringify(e.metadata)), events.map((e) => e.occurredAt.toISOString())],
    );
  };
  let round = 0;
  /** EVENTS events in appends of BATCH by WORKERS writers, each append to a new stream. */
  const appendAll = (name: string, append: (tenant: string, streamId: string) => Promise<unknown>) => () =>
    ratePerSecond(() => inParallel(EVENTS, BATCH, WORKERS, (worker, index) => append(TENANTS[worker], `${name}-${round}-${index}`).then(() => undefined))).finally(() => round++);

  const asCommands = await interleaved(
    ROUNDS,
    appendAll('raw', (tenant, streamId) => rawInsert(db.app, tenant, streamId)),
    appendAll('cmd', (tenant, streamId) => store.appendAsTransaction(db.app, tenant, streamId, batchOf(randomUUID()), 'no_stream')),
  );
  const inTransactions = await interleaved(
    ROUNDS,
    appendAll('raw-tx', (tenant, streamId) => withTenantTransaction(db.app, tenant, (c) => rawInsert(c, tenant, streamId))),
    appendAll('tx', (tenant, streamId) => withTenantTransaction(db.app, tenant, (c) => store.appendToStream(c, tenant, streamId, batchOf(randomUUID()), 'no_stream'))),
  );
  return [
    report(`(a) appends as commands make them (one autocommit statement), ${BATCH}/append, ${WORKERS} writers, median of ${ROUNDS}`, asCommands[1], asCommands[0], 0.8),
    report(`(a) appends inside a tenant transaction, ${BATCH}/append, ${WORKERS} writers, median of ${ROUNDS}`, inTransactions[1], inTransactions[0], 0.8),
  ];
}

/** Items per second of the process's CPU (user and system, every thread). */
function perCpuSecond(items: number, used: NodeJS.CpuUsage): number {
  return items / ((used.user + used.system) / 1e6);
}

/**
 * Publishes batches until the relay has caught up and returns how many stored events it moved past,
 * with `measure`'s result taken then; the relay is stopped (handing back its reading session) after.
 */
async function drain<T>(relay: EventRelay, measure: (work: () => Promise<number>) => Promise<T>): Promise<T> {
  try {
    return await measure(async () => {
      let moved = 0;
      for (let n = await relay.publishBatch(); n > 0; n = await relay.publishBatch()) moved += n;
      return moved;
    });
  } finally {
    await relay.stop();
  }
}

type ClientName = 'kafkajs' | 'platformatic';
/** Rates per second of wall time, and `directCpu`: messages produced per second of the process's CPU. */
type Rates = Record<'direct' | 'relay' | 'directCpu', number[]>;
/**
 * What the whole machine (this process, PostgreSQL, the broker) used for one run: CPU per event,
 * in microseconds, and this process's CPU as a share of the run's wall time (1 = one core busy).
 */
/** A run's CPU per event (µs) by part, this process's CPU as a share of a core, and the share of the run its event loop was busy. */
type MachineRun = { perEvent: CpuUse; processShare: number; loopBusy: number };

function machineRun(since: CpuReading, run: { items: number; seconds: number }): MachineRun {
  const use = cpuSince(since);
  const us = (seconds: number) => (seconds * 1e6) / run.items;
  return { perEvent: { node: us(use.node), postgres: us(use.postgres), broker: us(use.broker), total: us(use.total) }, processShare: use.node / run.seconds, loopBusy: use.loopBusy };
}

/** `26 µs (node 11, PostgreSQL 0, broker 15)`: whole µs, since /proc counts the other parts in 10 ms ticks. */
const describeUse = (use: CpuUse) =>
  `${use.total.toFixed(0)} µs (node ${use.node.toFixed(0)}, PostgreSQL ${use.postgres.toFixed(0)}, broker ${use.broker.toFixed(0)})`;

/**
 * Each client's relay against the same client producing the same messages directly; the four runs
 * are interleaved round by round and each keeps its median, so a burst of noise on the shared
 * machine does not decide a ratio. Every run has a fresh topic (and the relay a fresh name, so it
 * starts from the beginning of the log); each publisher is connected before it is timed.
 */
async function benchRelay(db: TestSchema, kafka: Kafka): Promise<string[]> {
  const contracts = new EventContractRegistry();
  const store = new PostgresEventStore(db.roles.schema);
  const events = await store.readAll(db.relay, START_OF_LOG, 1_000_000);
  // Exactly what the relay publishes (key, JSON value and its four headers), translated and validated
  // before the clock starts: the relay's own reading, translating and validating is what is measured.
  const messages = events.flatMap((event) => outboundMessages(event, answerEnvelope, contracts));
  const publishers: Record<ClientName, MessagePublisher> = {
    kafkajs: new KafkaMessagePublisher(kafka),
    platformatic: new PlatformaticMessagePublisher({ brokers: brokersFromEnv(), clientId: 'assay-bench' }),
  };
  const rates: Record<ClientName, Rates> = { kafkajs: { direct: [], relay: [], directCpu: [] }, platformatic: { direct: [], relay: [], directCpu: [] } };
  const machine: Record<ClientName, Record<'direct' | 'relay', MachineRun[]>> = { kafkajs: { direct: [], relay: [] }, platformatic: { direct: [], relay: [] } };
  /** Events the relay moves per second of its own CPU, publishing to nothing: what it adds to the client's work. */
  const relayOwnCpu: number[] = [];
  const nowhere: MessagePublisher = { publish: async () => undefined, close: async () => undefined };
  /** A relay of its own name, so it starts from the beginning of the log. */
  const relayTo = (name: string, topic: string, publisher: MessagePublisher) =>
    new EventRelay({ name, schema: db.roles.schema, pool: db.relay, topic, translate: answerEnvelope, publisher, contracts, logger: createLogger('bench', 'silent'), batchSize: 500 });
  try {
    /** Every message in batches of 500, as the relay publishes them; how many. */
    const publishAll = async (publisher: MessagePublisher, topic: string) => {
      for (let i = 0; i < messages.length; i += 500) await publisher.publish(topic, messages.slice(i, i + 500));
      return messages.length;
    };
    // Untimed, a round of everything first: over the first runs after a broker start, its JIT took
    // its CPU per event from ~7 µs to ~2 and direct publishing ~1.5× faster, so a cold first round
    // decided more than its share of the medians.
    const warmUp = await createTestTopic(kafka, 'bench-warm-up', 6);
    for (const [client, publisher] of Object.entries(publishers)) {
      await publishAll(publisher, warmUp);
      await drain(relayTo(`bench-warm-up-${client}`, warmUp, publisher), (work) => work());
    }

    for (let round = 0; round < RELAY_ROUNDS; round++) {
      for (const client of ['kafkajs', 'platformatic'] as const) {
        const publisher = publishers[client];
        const directTopic = await createTestTopic(kafka, `bench-direct-${client}`, 6);
        const directCpu = process.cpuUsage();
        const directMachine = readCpu();
        const direct = await ratePerSecond(() => publishAll(publisher, directTopic));
        machine[client].direct.push(machineRun(directMachine, direct));
        rates[client].direct.push(direct.perSecond);
        rates[client].directCpu.push(perCpuSecond(messages.length, process.cpuUsage(directCpu)));

        const relayTopic = await createTestTopic(kafka, `bench-relay-${client}`, 6);
        const relayMachine = readCpu();
        const relayed = await drain(relayTo(`bench-${client}-${round}`, relayTopic, publisher), async (work) => {
          const rate = await ratePerSecond(work);
          return { rate, machine: machineRun(relayMachine, rate) };
        });
        machine[client].relay.push(relayed.machine);
        rates[client].relay.push(relayed.rate.perSecond);
      }
      const ownCpu = process.cpuUsage();
      relayOwnCpu.push(await drain(relayTo(`bench-nowhere-${round}`, 'nowhere', nowhere), async (work) => perCpuSecond(await work(), process.cpuUsage(ownCpu))));
    }
  } finally {
    await Promise.all(Object.values(publishers).map((p) => p.close()));
  }
  const of = (client: ClientName, run: keyof Rates) => ({ perSecond: median(rates[client][run]) });
  /** Each round's relay ÷ the direct run just before it: how far one run's noise moves the figure. */
  const roundByRound = (client: ClientName) => spread(rates[client].relay.map((relay, i) => relay / rates[client].direct[i]));
  // The whole machine's CPU per event (this process, PostgreSQL and the broker share 2 cores here).
  // Were the cores the limit of both runs, relay ÷ direct would be the events-per-CPU-second ratio;
  // an event loop busy nearly all the run means that loop is the limit instead. The process's share
  // of a core counts every thread (GC helpers, the pg and broker sockets' I/O), so it can pass 100%;
  // the loop's share is the main thread's alone.
  const machineLines = (client: ClientName) => {
    // The run with the median total, its parts with it.
    const [direct, relay] = [medianBy(machine[client].direct, (r) => r.perEvent.total).perEvent, medianBy(machine[client].relay, (r) => r.perEvent.total).perEvent];
    if (!CAN_READ_OTHER_PROCESSES) return [];
    const share = (runs: MachineRun[]) => spread(runs.map((r) => r.processShare), '% of a core');
    const loop = (runs: MachineRun[]) => spread(runs.map((r) => r.loopBusy), '% of the run');
    return [
      `(b) machine CPU per event on ${client}, median run: direct ${describeUse(direct)}, relay ${describeUse(relay)}`,
      report(`(b) events per machine CPU-second: relay vs direct on ${client}`, { perSecond: 1e6 / relay.total }, { perSecond: 1e6 / direct.total }),
      `(b) this process's CPU during the runs on ${client}: direct ${share(machine[client].direct)}; relay ${share(machine[client].relay)}`,
      `(b) its event loop busy during the runs on ${client}: direct ${loop(machine[client].direct)}; relay ${loop(machine[client].relay)}`,
    ];
  };
  return [
    report(`(b) relay on kafkajs vs direct kafkajs, 500/batch, median of ${RELAY_ROUNDS}`, of('kafkajs', 'relay'), of('kafkajs', 'direct'), 0.6),
    report(`(b) relay on platformatic vs direct platformatic, 500/batch, median of ${RELAY_ROUNDS}`, of('platformatic', 'relay'), of('platformatic', 'direct'), 0.6),
    report('(b) direct: platformatic vs kafkajs', of('platformatic', 'direct'), of('kafkajs', 'direct')),
    report('(b) relay: on platformatic vs on kafkajs', of('platformatic', 'relay'), of('kafkajs', 'relay')),
    // Events per CPU-second: the relay's own work (reading, translating, validating, publishing to
    // nothing) against producing directly; the relay adds the one to the other on its event loop.
    // Not a prediction of relay ÷ direct: part of each overlaps with waiting, and PostgreSQL and
    // the broker share the same cores.
    report('(b) CPU per event: relay alone vs producing on platformatic', { perSecond: median(relayOwnCpu) }, of('platformatic', 'directCpu')),
    report('(b) CPU per event: relay alone vs producing on kafkajs', { perSecond: median(relayOwnCpu) }, of('kafkajs', 'directCpu')),
    `(b) relay ÷ direct round by round: kafkajs ${roundByRound('kafkajs')}; platformatic ${roundByRound('platformatic')}`,
    ...machineLines('kafkajs'),
    ...machineLines('platformatic'),
  ];
}

async function benchReplay(db: TestSchema, store: PostgresEventStore) {
  const baseline = await ratePerSecond(async () => {
    const { rows } = await db.relay.query(`SELECT * FROM ${db.roles.schema}.events ORDER BY global_position`);
    return rows.length;
  });
  const replay = await ratePerSecond(async () => {
    let checkpoint = START_OF_LOG;
    let count = 0;
    for (;;) {
      const batch = await store.readAll(db.relay, checkpoint, 2_000);
      if (batch.length === 0) return count;
      count += batch.length;
      const last = batch[batch.length - 1];
      checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    }
  });
  const target = replay.perSecond >= 20_000 ? 'target ≥ 20,000/s: met' : 'target ≥ 20,000/s: NOT met';
  return `${report('(c) replay read-all, 2000/batch', replay, baseline)}  (${replay.perSecond.toFixed(0)} events/s; ${target})`;
}

async function main() {
  const db = await createTestSchema('bench');
  const kafka = testKafka('assay-bench');
  try {
    const store = new PostgresEventStore(db.roles.schema);
    console.log(`Assay benchmarks: ${EVENTS} events, Node ${process.version}`);
    // The relay and replay read the events the appends stored, so (a) always runs.
    for (const line of await benchAppends(db, store)) console.log(line);
    if (ONLY.includes('b')) for (const line of await benchRelay(db, kafka)) console.log(line);
    if (ONLY.includes('c')) console.log(await benchReplay(db, store));
  } finally {
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
