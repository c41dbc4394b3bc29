import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { PostgresEventStore } from '@assay/event-store';
import { createLogger } from '@assay/observability';
import { TestSchema, answerEnvelope, answerEvent, collectTopic, createTestSchema, createTestTopic, eventually, testKafka } from '@assay/testing';
import { EventContractRegistry } from './contract-registry';
import { EventRelay } from './event-relay';
import { KafkaMessagePublisher } from './message-publisher';

const PUBLISHED_WITHIN = 20_000;

// The relay reads its pages inline on a pooled session beside the leader's, read_all's planner
// settings set on it (ReadAllSession). A session the server ends is replaced and no event is left
// unpublished; the session is destroyed, never handed back to the pool with those settings.
describe("The relay's reading session (real PostgreSQL and Kafka)", () => {
  let db: TestSchema;
  let kafka: Kafka;
  let publisher: KafkaMessagePublisher;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('reader');
    kafka = testKafka();
    publisher = new KafkaMessagePublisher(kafka);
    store = new PostgresEventStore(db.roles.schema);
  });
  afterAll(async () => {
    await publisher.close();
    await db.drop();
  });

  const relayTo = (topic: string) =>
    new EventRelay({
      name: `relay-${topic}`,
      schema: db.roles.schema,
      pool: db.relay,
      topic,
      translate: answerEnvelope,
      publisher,
      contracts: new EventContractRegistry(),
      logger: createLogger('test', 'silent'),
      batchSize: 50,
      idleDelayMs: 20,
    });
  /** `count` answers to streams of their own, each appended in its own transaction. */
  const append = async (count: number) => {
    const tenant = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const events = [answerEvent(randomUUID(), 'GOV-SM-A1', i % 4)];
      ids.push(events[0].eventId!);
      await store.appendAsTransaction(db.app, tenant, `a-${randomUUID()}`, events, 'no_stream');
    }
    return ids;
  };
  const relayApplication = () => `test-${db.roles.schema}-relay`;
  /** The leader's session: the one holding an advisory lock. */
  const leaderPids = async () =>
    (
      await db.admin.query<{ pid: number }>(
        `SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = $1`,
        [relayApplication()],
      )
    ).rows.map((r) => r.pid);
  /** Sessions of the relay pool whose last query was the page query: where pages were read. */
  const readerPids = async () =>
    (
      await db.admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE $2`, [
        relayApplication(),
        `SELECT global_position, transaction_id, event_id%FROM ${db.roles.schema}.events%`,
      ])
    ).rows.map((r) => r.pid);
  const plannerSettings = async (client: { query: (text: string) => Promise<{ rows: { setting: string }[] }> }) =>
    (await client.query("SELECT setting FROM pg_settings WHERE name IN ('enable_sort', 'enable_incremental_sort', 'enable_bitmapscan', 'enable_seqscan')")).rows.map((r) => r.setting);

  it("reads on a session beside the leader's, and publishes every event after the server ends it, on a new one", async () => {
    const topic = await createTestTopic(kafka, 'reader-lost');
    const collected = await collectTopic(kafka, topic);
    const relay = relayTo(topic);
    const published = () => new Set(collected.messages.map((m) => (JSON.parse(m.message.value!.toString()) as { id: string }).id));
    try {
      const before = await append(120);
      relay.start();
      await eventually(() => expect(published().size).toBe(120), PUBLISHED_WITHIN, 50);
      // Two sessions held: the lock holder's and the reader's.
      await eventually(() => expect(db.relay.totalCount - db.relay.idleCount).toBe(2), 5_000, 50);
      const [leader] = await leaderPids();
      const readers = await readerPids();
      expect(readers).toHaveLength(1);
      expect(readers).not.toContain(leader);
      const [lost] = readers;
      expect(lost).toEqual(expect.any(Number));
      await db.admin.query('SELECT pg_terminate_backend($1)', [lost]);

      const after = await append(120);
      await eventually(() => expect(published()).toEqual(new Set([...before, ...after])), PUBLISHED_WITHIN, 50);
      await eventually(async () => expect(await readerPids()).toHaveLength(1), 5_000, 50);
      expect(await readerPids()).not.toContain(lost);
    } finally {
      await relay.stop();
      await collected.stop();
    }
  });

  it('opens a new reading session for the next batch when one is lost, also when driven batch by batch without start()', async () => {
    const topic = await createTestTopic(kafka, 'reader-batches');
    const relay = relayTo(topic);
    try {
      while ((await relay.publishBatch()) > 0); // past the other specs' events
      await append(60);
      expect(await relay.publishBatch()).toBe(50);
      const readers = await readerPids();
      expect(readers).toHaveLength(1);
      const [lost] = readers;
      await db.admin.query('SELECT pg_terminate_backend($1)', [lost]);
      // The batch read ahead is published, then reading the one after it fails: the checkpoint stays.
      await expect(relay.publishBatch()).rejects.toThrow(/connection|EPIPE|ECONNRESET/); // which depends on when the client notices
      // The next call reads on a new session from the checkpoint: the ten again, none skipped.
      expect(await relay.publishBatch()).toBe(10);
      expect(await relay.publishBatch()).toBe(0);
      expect(await readerPids()).not.toContain(lost);
    } finally {
      await relay.stop();
    }
  });

  it('destroys its reading session when it stops, so its planner settings never reach another pool user', async () => {
    const topic = await createTestTopic(kafka, 'reader-stop');
    const relay = relayTo(topic);
    await append(10);
    try {
      while ((await relay.publishBatch()) > 0); // without start(): on a session of its own
      expect(await readerPids()).toHaveLength(1);
      expect(db.relay.totalCount - db.relay.idleCount).toBe(1);
    } finally {
      await relay.stop();
    }
    await eventually(async () => expect(await readerPids()).toEqual([]), 5_000, 50);
    // Every session the pool still holds plans with the server's defaults.
    const clients = await Promise.all([db.relay.connect(), db.relay.connect()]);
    try {
      for (const client of clients) expect(await plannerSettings(client)).toEqual(['on', 'on', 'on', 'on']);
    } finally {
      for (const client of clients) client.release();
    }
  });
});
