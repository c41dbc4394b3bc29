import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { AnswerRecordedV1, IntegrationEnvelope } from '@assay/contracts';
import { PostgresEventStore, StoredEvent } from '@assay/event-store';
import { createLogger } from '@assay/observability';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, addEffectsTable, answerEnvelope, answerEvent, collectTopic, createTestSchema, createTestTopic, eventually, testKafka } from '@assay/testing';
import { EventContractRegistry } from './contract-registry';
import { EventRelay } from './event-relay';
import { IntegrationConsumer } from './integration-consumer';
import { KafkaMessagePublisher, MessagePublisher, OutboundMessage } from './message-publisher';
import { listParkedEvents, requestParkedRetry } from './parked-events';

const logger = createLogger('test', 'silent');
const contracts = new EventContractRegistry();

describe('Event relay and integration consumer (real PostgreSQL and Kafka)', () => {
  let db: TestSchema;
  let kafka: Kafka;
  let publisher: KafkaMessagePublisher;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('msg');
    await addEffectsTable(db, 'event_id uuid NOT NULL, tenant_id uuid NOT NULL, question_id text NOT NULL');
    kafka = testKafka();
    publisher = new KafkaMessagePublisher(kafka);
    store = new PostgresEventStore(db.roles.schema);
  });
  afterAll(async () => {
    await publisher.close();
    await db.drop();
  });

  /** Relays driven batch by batch; stopped after each spec, which hands back their reading sessions. */
  const relays: EventRelay[] = [];
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });
  const relayTo = (topic: string, translate = answerEnvelope, via: MessagePublisher = publisher) => {
    const relay = new EventRelay({ name: `relay-${topic}`, schema: db.roles.schema, pool: db.relay, topic, translate, publisher: via, contracts, logger, batchSize: 50, retryCheckIntervalMs: 0 });
    relays.push(relay);
    return relay;
  };
  const append = (tenant: string, stream: string, events: ReturnType<typeof answerEvent>[], expected: number | 'no_stream' = 'no_stream') =>
    withTenantTransaction(db.app, tenant, (c) => store.appendToStream(c, tenant, stream, events, expected));
  const drain = async (relay: EventRelay) => {
    let moved = 0;
    for (let n = await relay.publishBatch(); n > 0; n = await relay.publishBatch()) moved += n;
    return moved;
  };
  const storedCheckpoint = async (relay: string) =>
    (await db.admin.query(`SELECT global_position FROM ${db.roles.schema}.relay_checkpoints WHERE relay_name = $1`, [relay])).rows[0]?.global_position as string | undefined;

  it('publishes stored events in stream order, keyed by tenant', async () => {
    const topic = await createTestTopic(kafka, 'relay');
    const tenants = [randomUUID(), randomUUID(), randomUUID()];
    for (const tenant of tenants) {
      const assessment = randomUUID();
      await append(tenant, `a-${assessment}`, Array.from({ length: 40 }, (_, i) => answerEvent(assessment, `GOV-SM-A${(i % 3) + 1}`, i % 4)));
    }
    const relay = relayTo(topic);
    expect(await drain(relay)).toBe(120);
    expect(await relay.backlog()).toBe(0);

    const collected = await collectTopic(kafka, topic);
    await eventually(() => expect(collected.messages).toHaveLength(120), 20_000);
    await collected.stop();
    for (const tenant of tenants) {
      const mine = collected.messages.filter((m) => m.message.key?.toString() === tenant);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      const versions = mine.map((m) => (JSON.parse(m.message.value!.toString()) as IntegrationEnvelope).streamVersion);
      expect(versions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    }
  });

  it('moves its checkpoint only after the broker acknowledged the batch', async () => {
    const topic = await createTestTopic(kafka, 'ack');
    const name = `relay-${topic}`;
    const seenDuringPublish: (string | undefined)[] = [];
    let brokerDown = false;
    const recording: MessagePublisher = {
      publish: async (t: string, messages: OutboundMessage[]) => {
        seenDuringPublish.push(await storedCheckpoint(name));
        if (brokerDown) throw new Error('broker unavailable');
        await publisher.publish(t, messages);
      },
      close: async () => undefined,
    };
    const relay = relayTo(topic, answerEnvelope, recording);
    await drain(relay); // what earlier specs stored
    seenDuringPublish.length = 0;
    brokerDown = true;
    const tenant = randomUUID();
    await append(tenant, `a-${randomUUID()}`, [answerEvent(randomUUID(), 'GOV-SM-A1', 1), answerEvent(randomUUID(), 'GOV-SM-A2', 2)]);
    const backlogBefore = await relay.backlog();
    expect(backlogBefore).toBe(2);
    await expect(relay.publishBatch()).rejects.toThrow('broker unavailable');
    expect(await relay.backlog()).toBe(backlogBefore);
    const before = await storedCheckpoint(name);

    brokerDown = false;
    await drain(relay);
    // While the broker held the batch, the stored checkpoint had not moved; after the ack it had.
    expect(seenDuringPublish).toEqual([before, before]);
    expect(BigInt((await storedCheckpoint(name))!)).toBeGreaterThan(BigInt(before!));
    expect(await relay.backlog()).toBe(0);
  });

  it('keeps one reading session, whether the broker acknowledges a batch or fails it while the next page is read, and hands it back when stopped', async () => {
    const topic = await createTestTopic(kafka, 'read-ahead');
    let publishes = 0;
    const failingSecond: MessagePublisher = {
      publish: async (t, messages) => {
        if (++publishes === 2) throw new Error('broker unavailable');
        await publisher.publish(t, messages);
      },
      close: async () => undefined,
    };
    const relay = relayTo(topic, answerEnvelope, failingSecond);
    await drain(relay).catch(() => undefined); // what earlier specs stored
    const tenant = randomUUID();
    await append(tenant, `a-${randomUUID()}`, Array.from({ length: 160 }, (_, i) => answerEvent(randomUUID(), `GOV-SM-A${(i % 3) + 1}`, i % 4)));
    const inUse = () => db.relay.totalCount - db.relay.idleCount;
    publishes = 0;
    await relay.publishBatch(); // publishes 50, reads the next 50 ahead
    await expect(relay.publishBatch()).rejects.toThrow('broker unavailable'); // fails while the page after is being read
    await eventually(() => expect(inUse()).toBe(1), 5_000); // its reading session, nothing else held
    await drain(relay);
    expect(inUse()).toBe(1);
    expect(await relay.backlog()).toBe(0);
    await relay.stop();
    expect(inUse()).toBe(0);
  });

  it('parks an event it cannot translate, holds the rest of its stream, publishes every other stream, and republishes in order on request', async () => {
    const topic = await createTestTopic(kafka, 'park');
    let fixed = false;
    const translate = (stored: StoredEvent) =>
      answerEnvelope(stored).map((e) => ((e.data as AnswerRecordedV1).questionId.startsWith('POISON') && !fixed ? { ...e, data: { ...(e.data as AnswerRecordedV1), value: 9 } } : e));
    const relay = relayTo(topic, translate);
    await drain(relay); // what earlier specs stored
    const collected = await collectTopic(kafka, topic);
    const [broken, healthy] = [randomUUID(), randomUUID()];
    const brokenStream = `a-${randomUUID()}`;
    const assessment = randomUUID();
    await append(broken, brokenStream, [answerEvent(assessment, 'GOV-SM-A1', 1)]);
    await append(broken, brokenStream, [answerEvent(assessment, 'POISON-A2', 2)], 1);
    await append(healthy, `a-${randomUUID()}`, [answerEvent(randomUUID(), 'GOV-SM-A1', 3)]);
    await append(broken, brokenStream, [answerEvent(assessment, 'GOV-SM-A3', 0)], 2);
    // The translator has a bug for one event: its output breaks the contract.
    expect(await drain(relay)).toBe(4);
    expect(await relay.backlog()).toBe(0);
    const parked = await listParkedEvents(db.admin, db.roles.schema, `relay-${topic}`);
    expect(parked.map((p) => [p.streamVersion, p.reason])).toEqual([
      [2, 'failed'],
      [3, 'held'],
    ]);
    expect(parked[0].error).toMatch(/value/);
    expect((await relay.sample()).parked).toBe(2);

    fixed = true;
    expect(await requestParkedRetry(db.admin, db.roles.schema, { eventId: parked[0].eventId })).toBe(2);
    await relay.publishBatch();
    expect(await listParkedEvents(db.admin, db.roles.schema, `relay-${topic}`)).toEqual([]);

    const versionsOf = (tenant: string) =>
      collected.messages.filter((m) => m.message.key?.toString() === tenant).map((m) => (JSON.parse(m.message.value!.toString()) as IntegrationEnvelope).streamVersion);
    // The topic also carries what earlier specs stored (this relay published it first), so wait for these tenants.
    await eventually(() => expect(versionsOf(broken)).toEqual([1, 2, 3]), 20_000);
    await collected.stop();
    expect(versionsOf(healthy)).toEqual([1]);
  });

  it('keeps a parked stream parked when the retried event still fails', async () => {
    const topic = await createTestTopic(kafka, 'repark');
    let translatable = true;
    const relay = relayTo(topic, (stored) => {
      if (!translatable) throw new Error('no translation yet');
      return answerEnvelope(stored);
    });
    await drain(relay); // what earlier specs stored
    translatable = false;
    const tenant = randomUUID();
    await append(tenant, `a-${randomUUID()}`, [answerEvent(randomUUID(), 'GOV-SM-A1', 1), answerEvent(randomUUID(), 'GOV-SM-A2', 1)]);
    await drain(relay);
    await requestParkedRetry(db.admin, db.roles.schema, { all: true });
    await relay.publishBatch();
    const parked = await listParkedEvents(db.admin, db.roles.schema, `relay-${topic}`);
    expect(parked.map((p) => [p.reason, p.attempts, p.retryRequestedAt])).toEqual([
      ['failed', 2, null],
      ['held', 1, null],
    ]);
  });

  it('keeps a retry request standing when the broker fails while republishing, and serves it once the broker is back', async () => {
    const topic = await createTestTopic(kafka, 'retry-outage');
    let translatable = true;
    let brokerDown = false;
    const flaky: MessagePublisher = {
      publish: async (t, messages) => {
        if (brokerDown) throw new Error('broker unavailable');
        await publisher.publish(t, messages);
      },
      close: async () => undefined,
    };
    const relay = relayTo(topic, (stored) => {
      if (!translatable) throw new Error('no translation yet');
      return answerEnvelope(stored);
    }, flaky);
    await drain(relay); // what earlier specs stored
    translatable = false;
    const tenant = randomUUID();
    await append(tenant, `a-${randomUUID()}`, [answerEvent(randomUUID(), 'GOV-SM-A1', 1), answerEvent(randomUUID(), 'GOV-SM-A2', 2)]);
    await drain(relay);
    translatable = true;
    brokerDown = true;
    await requestParkedRetry(db.admin, db.roles.schema, { all: true });
    await expect(relay.publishBatch()).rejects.toThrow('broker unavailable');
    const waiting = await listParkedEvents(db.admin, db.roles.schema, `relay-${topic}`);
    expect(waiting.map((p) => [p.reason, p.attempts, p.retryRequestedAt !== null])).toEqual([
      ['failed', 1, true],
      ['held', 1, true],
    ]);
    brokerDown = false;
    await relay.publishBatch();
    expect(await listParkedEvents(db.admin, db.roles.schema, `relay-${topic}`)).toEqual([]);
  });

  it('reports the age of the oldest unpublished event and whether a running transaction holds it back', async () => {
    const topic = await createTestTopic(kafka, 'stall');
    const relay = relayTo(topic);
    await drain(relay);
    const holder = await db.admin.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_current_xact_id()');
      const tenant = randomUUID();
      await append(tenant, `a-${randomUUID()}`, [answerEvent(randomUUID(), 'GOV-SM-A1', 1)]);
      const held = await eventually(async () => {
        const sample = await relay.sample();
        expect(sample.oldestUnpublishedAgeSeconds).toBeGreaterThan(0.3);
        return sample;
      }, 5_000, 100);
      expect(held).toMatchObject({ backlog: 1, heldByRunningTransaction: true });
      expect(await relay.publishBatch()).toBe(0);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    expect(await relay.publishBatch()).toBe(1);
    expect(await relay.sample()).toMatchObject({ backlog: 0, oldestUnpublishedAgeSeconds: 0, heldByRunningTransaction: false });
  });

  it('applies a redelivered event once: effect and inbox commit in one transaction', async () => {
    const topic = await createTestTopic(kafka, 'dedupe');
    const tenant = randomUUID();
    const envelope = answerEnvelope({
      ...answerEvent(randomUUID(), 'OPS-IM-B2', 2),
      globalPosition: 1n,
      transactionId: 1n,
      tenantId: tenant,
      streamId: 'a-1',
      streamVersion: 1,
      schemaVersion: 1,
      metadata: {},
    })[0];
    const message = { key: tenant, value: JSON.stringify(envelope) };
    await publisher.publish(topic, [message, message, message]);

    const consumer = new IntegrationConsumer({
      groupId: `g-${randomUUID()}`,
      topics: [topic],
      kafka,
      pool: db.app,
      schema: db.roles.schema,
      contracts,
      logger,
      handlers: {
        'assessment.answer-recorded': {
          1: async (e, client) => {
            const data = e.data as AnswerRecordedV1;
            await client.query(`INSERT INTO ${db.roles.schema}.effects VALUES ($1, $2, $3)`, [e.id, e.tenantId, data.questionId]);
          },
        },
      },
    });
    await consumer.start();
    try {
      await eventually(async () => expect(await consumer.lag()).toBe(0), 30_000, 250);
      const effects = await db.admin.query(`SELECT count(*)::int AS n FROM ${db.roles.schema}.effects WHERE event_id = $1`, [envelope.id]);
      expect(effects.rows[0].n).toBe(1);
    } finally {
      await consumer.stop();
    }
  });
});
