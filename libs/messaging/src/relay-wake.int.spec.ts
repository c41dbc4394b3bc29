import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { PostgresEventStore, signalEventsAppended } from '@assay/event-store';
import { createLogger } from '@assay/observability';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, answerEnvelope, answerEvent, collectTopic, createTestSchema, createTestTopic, eventually, testKafka } from '@assay/testing';
import { EventContractRegistry } from './contract-registry';
import { EventRelay } from './event-relay';
import { KafkaMessagePublisher } from './message-publisher';

const logger = createLogger('test', 'silent');
const PUBLISHED_WITHIN = 20_000;

// A relay publishes right after a commit rather than on its poll: its own process tells it, and a
// relay of another process (a standby here) tells the leader with a NOTIFY outside the append.
describe('Relays woken by commits (real PostgreSQL and Kafka)', () => {
  let db: TestSchema;
  let kafka: Kafka;
  let publisher: KafkaMessagePublisher;
  let store: PostgresEventStore;
  const channel = () => `${db.roles.schema}_events_appended`;

  beforeAll(async () => {
    db = await createTestSchema('wake');
    kafka = testKafka();
    publisher = new KafkaMessagePublisher(kafka);
    store = new PostgresEventStore(db.roles.schema);
  });
  afterAll(async () => {
    await publisher.close();
    await db.drop();
  });

  /**
   * A poll interval far beyond the waits below: only a wake-up can make it publish in time. The
   * waits for the broker are generous (PUBLISHED_WITHIN): on a busy 2-core CI machine, publishing
   * to a new topic and collecting it once took longer than 5 s. Still 30× shorter than the poll.
   */
  const sleepyRelay = (name: string, topic: string) =>
    new EventRelay({ name, schema: db.roles.schema, pool: db.relay, topic, translate: answerEnvelope, publisher, contracts: new EventContractRegistry(), logger, idleDelayMs: 600_000 });
  const oneAnswer = () => [answerEvent(randomUUID(), 'GOV-SM-A1', 1)];

  /** Runs a started relay until it is idle in its long pause, then `work`, then stops it. */
  async function whileIdle(relay: EventRelay, work: () => Promise<void>) {
    relay.start();
    try {
      await eventually(async () => expect((await relay.sample()).backlog).toBe(0), PUBLISHED_WITHIN, 50);
      await new Promise((r) => setTimeout(r, 300));
      await work();
    } finally {
      await relay.stop();
    }
  }

  it("publishes right after a commit of its own process, without a NOTIFY in the appending transaction", async () => {
    const topic = await createTestTopic(kafka, 'wake-local');
    const collected = await collectTopic(kafka, topic);
    try {
      await whileIdle(sleepyRelay(`relay-${topic}`, topic), async () => {
        const tenant = randomUUID();
        await withTenantTransaction(db.app, tenant, (c) => store.appendToStream(c, tenant, `a-${randomUUID()}`, oneAnswer(), 'no_stream'));
        await eventually(() => expect(collected.messages.map((m) => m.message.key?.toString())).toContain(tenant), PUBLISHED_WITHIN, 50);
      });
      const { rows } = await db.admin.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = '${db.roles.schema}.events'::regclass AND tgname = 'events_appended'`);
      expect(rows).toEqual([]);
    } finally {
      await collected.stop();
    }
  });

  it('as the leader, publishes on a NOTIFY from another process', async () => {
    const topic = await createTestTopic(kafka, 'wake-remote');
    const collected = await collectTopic(kafka, topic);
    try {
      await whileIdle(sleepyRelay(`relay-${topic}`, topic), async () => {
        // Appended on a connection of its own, outside withTransaction: this process signals nothing.
        const tenant = randomUUID();
        const client = await db.app.connect();
        try {
          await client.query(`BEGIN; SELECT set_config('app.tenant_id', '${tenant}', true)`);
          await store.appendToStream(client, tenant, `a-${randomUUID()}`, oneAnswer(), 'no_stream');
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        await new Promise((r) => setTimeout(r, 500));
        expect(collected.messages.map((m) => m.message.key?.toString())).not.toContain(tenant);
        await db.admin.query('SELECT pg_notify($1, $2)', [channel(), '']);
        await eventually(() => expect(collected.messages.map((m) => m.message.key?.toString())).toContain(tenant), PUBLISHED_WITHIN, 50);
      });
    } finally {
      await collected.stop();
    }
  });

  it("as a standby, tells the leader of its process's commits with a NOTIFY sent after them, coalesced while one is in flight", async () => {
    const topic = await createTestTopic(kafka, 'wake-forward');
    const name = `relay-${topic}`;
    // The leader of another process: it holds the relay's lock and listens on the channel.
    const leader = await db.admin.connect();
    const notifications: number[] = [];
    leader.on('notification', () => notifications.push(Date.now()));
    try {
      await leader.query('SELECT pg_advisory_lock(hashtext($1))', [`relay:${db.roles.schema}:${name}`]);
      await leader.query(`LISTEN ${channel()}`);
      const standby = sleepyRelay(name, topic);
      standby.start();
      try {
        const tenant = randomUUID();
        await withTenantTransaction(db.app, tenant, (c) => store.appendToStream(c, tenant, `a-${randomUUID()}`, oneAnswer(), 'no_stream'));
        const committedAt = Date.now();
        await eventually(() => expect(notifications.length).toBe(1), 5_000, 20);
        expect(notifications[0]).toBeGreaterThanOrEqual(committedAt);

        // Twenty commits signalled at once: one NOTIFY goes out, and one more after it for the rest.
        notifications.length = 0;
        for (let i = 0; i < 20; i++) signalEventsAppended(db.roles.schema);
        await eventually(() => expect(notifications.length).toBeGreaterThan(0), 5_000, 20);
        await new Promise((r) => setTimeout(r, 300));
        expect(notifications).toHaveLength(2);
      } finally {
        await standby.stop();
      }
    } finally {
      leader.release(true);
    }
  });
});
