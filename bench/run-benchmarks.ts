// npm run bench: throughput of the platform's spine, each figure a ratio to a baseline measured
// in the same run on the same machine (the machine is noisy; absolute numbers are not comparable).
//   (a) event-store appends vs raw multi-row INSERTs into an identical table
//   (b) relay to Kafka vs kafkajs producing the same messages directly
//   (c) replay (read-all in transaction order) vs a raw sequential scan of the same rows
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { EventContractRegistry, EventRelay, KafkaMessagePublisher } from '@assay/messaging';
import { PostgresEventStore, START_OF_LOG } from '@assay/event-store';
import { createLogger } from '@assay/observability';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, answerEnvelope, answerEvent, createTestSchema, createTestTopic, testKafka } from '@assay/testing';
import { inParallel, interleaved, ratePerSecond, report } from './measure';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = 10; // events per append: a typical command's output is 1–10 events
const WORKERS = 4;
const ROUNDS = 3;
const TENANTS = Array.from({ length: 8 }, () => randomUUID());

async function benchAppends(db: TestSchema, store: PostgresEventStore) {
  const raw = `${db.roles.schema}.raw_events`;
  await db.admin.query(`CREATE TABLE ${raw} (LIKE ${db.roles.schema}.events INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)`);
  await db.admin.query(`ALTER TABLE ${raw} ALTER COLUMN global_position ADD GENERATED ALWAYS AS IDENTITY`);
  await db.admin.query(`GRANT INSERT, SELECT ON ${raw} TO ${db.roles.app}`);
  const batchOf = (assessment: string) => Array.from({ length: BATCH }, (_, i) => answerEvent(assessment, `GOV-SM-A${(i % 3) + 1}`, i % 4));

  let round = 0;
  const rawInserts = () => ratePerSecond(() =>
    inParallel(EVENTS, BATCH, WORKERS, async (worker, index) => {
      const events = batchOf(randomUUID());
      await db.app.query(
        `INSERT INTO ${raw} (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         SELECT e.event_id, $1, $2, e.ord, e.event_type, 1, e.data, e.metadata, e.occurred_at
         FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[]) WITH ORDINALITY AS e(event_id, event_type, data, metadata, occurred_at, ord)`,
        [TENANTS[worker], `raw-${round}-${index}`, events.map((e) => e.eventId), events.map((e) => e.type), events.map((e) => JSON.stringify(e.data)), events.map((e) => JSON.stringify(e.metadata)), events.map((e) => e.occurredAt.toISOString())],
      );
    }),
  );
  const storeAppends = () => ratePerSecond(() =>
    inParallel(EVENTS, BATCH, WORKERS, async (worker, index) => {
      const tenant = TENANTS[worker];
      await withTenantTransaction(db.app, tenant, (c) => store.appendToStream(c, tenant, `stream-${round}-${index}`, batchOf(randomUUID()), 'no_stream'));
    }),
  ).finally(() => round++);
  const [baseline, appends] = await interleaved(ROUNDS, rawInserts, storeAppends);
  return report(`(a) appends, ${BATCH}/append, ${WORKERS} writers, median of ${ROUNDS}`, appends, baseline, 0.6);
}

async function benchRelay(db: TestSchema, kafka: Kafka) {
  const contracts = new EventContractRegistry();
  const publisher = new KafkaMessagePublisher(kafka);
  const store = new PostgresEventStore(db.roles.schema);
  const events = await store.readAll(db.relay, START_OF_LOG, 1_000_000);
  const messages = events.flatMap(answerEnvelope).map((e) => ({ key: e.tenantId, value: JSON.stringify(e) }));

  const directTopic = await createTestTopic(kafka, 'bench-direct', 6);
  const direct = await ratePerSecond(async () => {
    for (let i = 0; i < messages.length; i += 500) await publisher.publish(directTopic, messages.slice(i, i + 500));
    return messages.length;
  });
  const relayTopic = await createTestTopic(kafka, 'bench-relay', 6);
  const relay = new EventRelay({ name: 'bench', schema: db.roles.schema, pool: db.relay, topic: relayTopic, translate: answerEnvelope, publisher, contracts, logger: createLogger('bench', 'silent'), batchSize: 500 });
  const relayed = await ratePerSecond(async () => {
    let moved = 0;
    for (let n = await relay.publishBatch(); n > 0; n = await relay.publishBatch()) moved += n;
    return moved;
  });
  await publisher.close();
  return report('(b) relay to Kafka, 500/batch', relayed, direct, 0.5);
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
    console.log(await benchAppends(db, store));
    console.log(await benchRelay(db, kafka));
    console.log(await benchReplay(db, store));
  } finally {
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
