import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { AnswerRecordedV1, IntegrationEnvelope } from '@assay/contracts';
import { PostgresEventStore } from '@assay/event-store';
import { createLogger } from '@assay/observability';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, answerEnvelope, answerEvent, collectTopic, createTestSchema, createTestTopic, eventually, testKafka } from '@assay/testing';
import { ContractViolationError, EventContractRegistry } from './contract-registry';
import { EventRelay } from './event-relay';
import { IntegrationConsumer } from './integration-consumer';
import { KafkaMessagePublisher } from './message-publisher';

const logger = createLogger('test', 'silent');
const contracts = new EventContractRegistry();

describe('Event relay and integration consumer (real PostgreSQL and Kafka)', () => {
  let db: TestSchema;
  let kafka: Kafka;
  let publisher: KafkaMessagePublisher;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('msg');
    await db.admin.query(`CREATE TABLE ${db.roles.schema}.effects (event_id uuid NOT NULL, tenant_id uuid NOT NULL, question_id text NOT NULL)`);
    await db.admin.query(`GRANT SELECT, INSERT ON ${db.roles.schema}.effects TO ${db.roles.app}`);
    kafka = testKafka();
    publisher = new KafkaMessagePublisher(kafka);
    store = new PostgresEventStore(db.roles.schema);
  });
  afterAll(async () => {
    await publisher.close();
    await db.drop();
  });

  const relayTo = (topic: string, translate = answerEnvelope) =>
    new EventRelay({ name: `relay-${topic}`, schema: db.roles.schema, pool: db.relay, topic, translate, publisher, contracts, logger, batchSize: 50 });

  it('publishes stored events in stream order, keyed by tenant, moving the checkpoint after the ack', async () => {
    const topic = await createTestTopic(kafka, 'relay');
    const tenants = [randomUUID(), randomUUID(), randomUUID()];
    for (const tenant of tenants) {
      const assessment = randomUUID();
      const events = Array.from({ length: 40 }, (_, i) => answerEvent(assessment, `GOV-SM-A${(i % 3) + 1}`, i % 4));
      await withTenantTransaction(db.app, tenant, (c) => store.appendToStream(c, tenant, `a-${assessment}`, events, 'no_stream'));
    }
    const relay = relayTo(topic);
    let moved = 0;
    for (let n = await relay.publishBatch(); n > 0; n = await relay.publishBatch()) moved += n;
    expect(moved).toBe(120);
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

  it('refuses to publish an event that breaks its contract and keeps the checkpoint', async () => {
    const topic = await createTestTopic(kafka, 'contract');
    const relay = relayTo(topic, (stored) => answerEnvelope(stored).map((e) => ({ ...e, data: { ...(e.data as AnswerRecordedV1), value: 9 } })));
    const tenant = randomUUID();
    await withTenantTransaction(db.app, tenant, (c) => store.appendToStream(c, tenant, `a-${randomUUID()}`, [answerEvent(randomUUID(), 'GOV-SM-A1', 1)], 'no_stream'));
    const before = await relay.backlog();
    await expect(relay.publishBatch()).rejects.toBeInstanceOf(ContractViolationError);
    expect(await relay.backlog()).toBe(before);
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
      publisher,
      logger,
      handlers: {
        'assessment.answer-recorded': async (e, client) => {
          const data = e.data as AnswerRecordedV1;
          await client.query(`INSERT INTO ${db.roles.schema}.effects VALUES ($1, $2, $3)`, [e.id, e.tenantId, data.questionId]);
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
