import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@assay/contracts';
import { LogContext, PlatformMetrics, createLogger, currentLogContext } from '@assay/observability';
import { TestSchema, addEffectsTable, answerEnvelope, answerEvent, collectTopic, createTestSchema, createTestTopic, eventually, testKafka } from '@assay/testing';
import { EventContractRegistry } from './contract-registry';
import { IntegrationHandler, setHandler } from './consumer-routing';
import { ensureTopics } from './ensure-topics';
import { PoisonMessageError } from './failure-classification';
import { IntegrationConsumer } from './integration-consumer';
import { KafkaMessagePublisher, OutboundMessage } from './message-publisher';

const logger = createLogger('test', 'silent');

describe('Batched consumption: one transaction per Kafka batch, split around a failing message (real PostgreSQL and Kafka)', () => {
  let db: TestSchema;
  let kafka: Kafka;
  let publisher: KafkaMessagePublisher;
  const contracts = new EventContractRegistry();
  const running: IntegrationConsumer[] = [];

  beforeAll(async () => {
    db = await createTestSchema('batched');
    // seq: the order effects were applied in; tx: the transaction that applied each.
    await addEffectsTable(db, 'seq bigint GENERATED ALWAYS AS IDENTITY, event_id uuid NOT NULL, tenant_id uuid NOT NULL, n int NOT NULL, consumer text NOT NULL, tx xid8 NOT NULL DEFAULT pg_current_xact_id()');
    kafka = testKafka();
    publisher = new KafkaMessagePublisher(kafka);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    await publisher.close();
    await db.drop();
  });

  /** `count` answer events spread over `tenants` tenants, interleaved; n numbers them in publish order. */
  function answers(count: number, tenants: string[]): { id: string; tenant: string; n: number; message: OutboundMessage }[] {
    return Array.from({ length: count }, (_, n) => {
      const tenant = tenants[n % tenants.length];
      const id = randomUUID();
      const [envelope] = answerEnvelope({ ...answerEvent(randomUUID(), 'GOV-SM-A1', n % 4), eventId: id, globalPosition: BigInt(n + 1), transactionId: 1n, tenantId: tenant, streamId: 's', streamVersion: 1, schemaVersion: 1, metadata: {} });
      return { id, tenant, n, message: { key: tenant, value: JSON.stringify({ ...envelope, data: { ...(envelope.data as object), value: n % 4 } }) } };
    });
  }

  const recordEffect =
    (groupId: string, poisonId?: string): IntegrationHandler =>
    async (e, client) => {
      if (e.id === poisonId) throw new PoisonMessageError('this answer breaks a rule');
      const n = (e.data as { value: number }).value;
      await client.query(`INSERT INTO ${db.roles.schema}.effects (event_id, tenant_id, n, consumer) VALUES ($1, $2, $3, $4)`, [e.id, e.tenantId, n, groupId]);
    };

  async function start(groupId: string, topic: string, handler: IntegrationHandler, metrics?: PlatformMetrics) {
    const consumer = new IntegrationConsumer({ groupId, topics: [topic], kafka, pool: db.app, schema: db.roles.schema, contracts, logger, metrics, handlers: { 'assessment.answer-recorded': { 1: handler } }, retryBaseDelayMs: 10 });
    await ensureTopics(kafka, [{ topic: consumer.deadLetterTopic, partitions: 1 }]);
    await consumer.start();
    running.push(consumer);
    return consumer;
  }

  const effects = async (groupId: string) =>
    (await db.admin.query<{ event_id: string; tenant_id: string; tx: string }>(`SELECT event_id, tenant_id, tx::text FROM ${db.roles.schema}.effects WHERE consumer = $1 ORDER BY seq`, [groupId])).rows;

  it('a set applied in one call logs under its tenant and every correlation id it serves; one applied alone, under its own', async () => {
    const topic = await createTestTopic(kafka, 'batch-log-context', 1);
    const groupId = `g-${randomUUID()}`;
    const tenant = randomUUID();
    const batch = answers(20, [tenant]);
    // The set form also serves a single message (called with one envelope, outside any set).
    const calls: { context: LogContext; correlationIds: string[] }[] = [];
    const handler = setHandler(async (envelopes) => {
      calls.push({ context: { ...currentLogContext() }, correlationIds: envelopes.map((e) => e.correlationId) });
    });
    await publisher.publish(topic, batch.map((a) => a.message));
    const consumer = await start(groupId, topic, handler);
    await eventually(async () => expect(await consumer.lag()).toBe(0), 60_000, 200);

    expect(calls.flatMap((c) => c.correlationIds)).toEqual(batch.map((a) => a.id)); // an envelope without one carries its own id
    const sets = calls.filter((c) => c.context.correlationIds !== undefined);
    expect(sets.length).toBeGreaterThan(0);
    for (const { context, correlationIds } of calls) {
      expect(context.tenantId).toBe(tenant);
      if (context.correlationIds) expect(context.correlationIds).toEqual(correlationIds);
      else expect([context.correlationId]).toEqual(correlationIds);
    }
  });

  it('one poison message in a batch of 100: the other 99 are applied exactly once, in order, in a few transactions, and only the poison is dead-lettered', async () => {
    const topic = await createTestTopic(kafka, 'batch-poison', 1);
    const groupId = `g-${randomUUID()}`;
    const batch = answers(100, [randomUUID(), randomUUID(), randomUUID()]);
    const poison = batch[57];
    await publisher.publish(topic, batch.map((a) => a.message)); // all there before the consumer fetches: one batch
    await ensureTopics(kafka, [{ topic: deadLetterTopic(groupId), partitions: 1 }]);
    const dlt = await collectTopic(kafka, deadLetterTopic(groupId));
    const metrics = new PlatformMetrics('test');
    const consumer = await start(groupId, topic, recordEffect(groupId, poison.id), metrics);
    await eventually(async () => expect(await consumer.lag()).toBe(0), 60_000, 200);

    const applied = await effects(groupId);
    expect(applied.map((r) => r.event_id)).toEqual(batch.filter((a) => a !== poison).map((a) => a.id)); // each once, in offset order
    await eventually(() => expect(dlt.messages).toHaveLength(1), 10_000);
    expect(JSON.parse(dlt.messages[0].message.value!.toString()).id).toBe(poison.id);
    // The 57 before the poison committed together, the 42 after it together: not one commit per message.
    const transactions = new Set(applied.map((r) => r.tx));
    expect(transactions.size).toBeLessThanOrEqual(3);
    const outcomes = (await metrics.consumerMessages.get()).values.filter((v) => v.labels.consumer === groupId);
    expect(Object.fromEntries(outcomes.map((v) => [v.labels.outcome, v.value]))).toEqual({ applied: 99, 'dead-lettered': 1 });
    await dlt.stop();
  });

  it('a handler with a set form gets the batch as sets; one poison in a batch of 100 still leaves the other 99 applied exactly once, in order, and only the poison dead-lettered', async () => {
    const topic = await createTestTopic(kafka, 'batch-set-poison', 1);
    const groupId = `g-${randomUUID()}`;
    const tenant = randomUUID();
    const batch = answers(100, [tenant]);
    const poison = batch[57];
    const setSizes: number[] = [];
    // The set form writes all its effects in one statement, and fails as a whole if the poison is among them.
    const asSets = setHandler(async (envelopes, client) => {
      setSizes.push(envelopes.length);
      if (envelopes.some((e) => e.id === poison.id)) throw new PoisonMessageError('this answer breaks a rule');
      await client.query(`INSERT INTO ${db.roles.schema}.effects (event_id, tenant_id, n, consumer) SELECT id, $2, n, $3 FROM unnest($1::uuid[], $4::int[]) AS t(id, n)`, [
        envelopes.map((e) => e.id),
        tenant,
        groupId,
        envelopes.map((e) => (e.data as { value: number }).value),
      ]);
    });
    await publisher.publish(topic, batch.map((a) => a.message));
    await ensureTopics(kafka, [{ topic: deadLetterTopic(groupId), partitions: 1 }]);
    const dlt = await collectTopic(kafka, deadLetterTopic(groupId));
    const metrics = new PlatformMetrics('test');
    const consumer = await start(groupId, topic, asSets, metrics);
    await eventually(async () => expect(await consumer.lag()).toBe(0), 60_000, 200);

    const applied = await effects(groupId);
    expect(applied.map((r) => r.event_id)).toEqual(batch.filter((a) => a !== poison).map((a) => a.id));
    await eventually(() => expect(dlt.messages).toHaveLength(1), 10_000);
    expect(JSON.parse(dlt.messages[0].message.value!.toString()).id).toBe(poison.id);
    expect(Math.max(...setSizes)).toBeGreaterThan(1); // sets were used, not one call per message
    const outcomes = (await metrics.consumerMessages.get()).values.filter((v) => v.labels.consumer === groupId);
    expect(Object.fromEntries(outcomes.map((v) => [v.labels.outcome, v.value]))).toEqual({ applied: 99, 'dead-lettered': 1 });
    expect((await metrics.consumerSetsSplit.get()).values.find((v) => v.labels.consumer === groupId)?.value).toBeGreaterThanOrEqual(1);
    await dlt.stop();
  });

  it('applies an event delivered twice within one batch once, and one already in the inbox (a redelivery after a crash) not at all', async () => {
    const topic = await createTestTopic(kafka, 'batch-dupes', 1);
    const groupId = `g-${randomUUID()}`;
    const tenant = randomUUID();
    const batch = answers(10, [tenant]);
    // Event 3 was applied before a crash that lost the offset commit: its inbox row is there.
    await db.admin.query(`INSERT INTO ${db.roles.schema}.inbox (consumer, event_id, tenant_id) VALUES ($1, $2, $3)`, [groupId, batch[3].id, tenant]);
    await publisher.publish(topic, [...batch.map((a) => a.message), batch[5].message]);
    const consumer = await start(groupId, topic, recordEffect(groupId));
    await eventually(async () => expect(await consumer.lag()).toBe(0), 60_000, 200);
    expect((await effects(groupId)).map((r) => r.event_id)).toEqual(batch.filter((a) => a.n !== 3).map((a) => a.id));
  });

  it('keeps each tenant out of the others: every effect is written under its own tenant, whatever the batch interleaving', async () => {
    const topic = await createTestTopic(kafka, 'batch-tenants', 1);
    const groupId = `g-${randomUUID()}`;
    const tenants = [randomUUID(), randomUUID()];
    const batch = answers(20, tenants);
    // The handler reads the tenant setting row-level security uses: it must be the event's own.
    const asSeenByRls: IntegrationHandler = async (e, client) => {
      const { rows } = await client.query<{ tenant: string }>(`SELECT current_setting('app.tenant_id') AS tenant`);
      if (rows[0].tenant !== e.tenantId) throw new Error(`ran under ${rows[0].tenant}, not ${e.tenantId}`);
      await recordEffect(groupId)(e, client);
    };
    await publisher.publish(topic, batch.map((a) => a.message));
    const consumer = await start(groupId, topic, asSeenByRls);
    await eventually(async () => expect(await consumer.lag()).toBe(0), 60_000, 200);
    const applied = await effects(groupId);
    expect(applied.map((r) => [r.event_id, r.tenant_id])).toEqual(batch.map((a) => [a.id, a.tenant]));
    expect(new Set(applied.map((r) => r.tx)).size).toBeLessThanOrEqual(2); // still batched, not split message by message
  });
});
