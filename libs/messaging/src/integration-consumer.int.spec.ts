import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { AnswerRecordedV1, IntegrationEnvelope, deadLetterTopic } from '@assay/contracts';
import { PlatformMetrics, createLogger } from '@assay/observability';
import { repoPath } from '@assay/postgres';
import { TestSchema, addEffectsTable, answerEnvelope, answerEvent, collectTopic, createTestSchema, createTestTopic, eventually, testKafka } from '@assay/testing';
import { EventContractRegistry } from './contract-registry';
import { IntegrationHandler, IntegrationHandlers } from './consumer-routing';
import { replayDeadLetters } from './dead-letter-replay';
import { ensureTopics } from './ensure-topics';
import { pruneInbox } from './inbox-retention';
import { IntegrationConsumer } from './integration-consumer';
import { KafkaMessagePublisher, OutboundMessage } from './message-publisher';

const logger = createLogger('test', 'silent');

/** The shipped contracts plus a v2 of answer-recorded (answers on a 0-5 scale), as a producer's next release would add. */
function contractsWithAnswerV2(): EventContractRegistry {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-'));
  cpSync(repoPath('contracts/events'), dir, { recursive: true });
  const v1 = JSON.parse(readFileSync(join(dir, 'assessment.answer-recorded.v1.schema.json'), 'utf8'));
  const v2 = { ...v1, $id: v1.$id.replace('.v1.', '.v2.'), title: 'assessment.answer-recorded v2', properties: { ...v1.properties, value: { type: ['integer', 'null'], minimum: 0, maximum: 5 } } };
  writeFileSync(join(dir, 'assessment.answer-recorded.v2.schema.json'), JSON.stringify(v2));
  return new EventContractRegistry(dir);
}

describe('Integration consumer routing, redelivery and dead letters (real PostgreSQL and Kafka)', () => {
  let db: TestSchema;
  let kafka: Kafka;
  let publisher: KafkaMessagePublisher;
  const contracts = contractsWithAnswerV2();
  const running: IntegrationConsumer[] = [];

  beforeAll(async () => {
    db = await createTestSchema('consumer');
    await addEffectsTable(db, 'event_id uuid NOT NULL, version int NOT NULL, consumer text NOT NULL');
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

  const recordEffect =
    (consumer: string): IntegrationHandler =>
    async (e, client) =>
      void (await client.query(`INSERT INTO ${db.roles.schema}.effects VALUES ($1, $2, $3)`, [e.id, e.schemaVersion, consumer]));
  const effects = async (consumer: string) =>
    (await db.admin.query(`SELECT event_id, version FROM ${db.roles.schema}.effects WHERE consumer = $1 ORDER BY version`, [consumer])).rows;

  async function startConsumer(groupId: string, topic: string, handlers: IntegrationHandlers, metrics?: PlatformMetrics) {
    const consumer = new IntegrationConsumer({ groupId, topics: [topic], kafka, pool: db.app, schema: db.roles.schema, contracts, logger, metrics, handlers, retryBaseDelayMs: 20 });
    await ensureTopics(kafka, [{ topic: consumer.deadLetterTopic, partitions: 1 }]);
    await consumer.start();
    running.push(consumer);
    return consumer;
  }

  /** An answer event as the relay would send it: versions 1 and/or 2 under one envelope id. */
  function answerMessages(versions: number[], id = randomUUID()): OutboundMessage[] {
    const tenant = randomUUID();
    const [v1] = answerEnvelope({ ...answerEvent(randomUUID(), 'GOV-SM-A1', 2), eventId: id, globalPosition: 1n, transactionId: 1n, tenantId: tenant, streamId: 's', streamVersion: 1, schemaVersion: 1, metadata: {} });
    return versions.map((v) => ({ key: tenant, value: JSON.stringify({ ...v1, schemaVersion: v }), headers: { 'schema-versions': versions.join(',') } }));
  }

  const collectDeadLetters = async (groupId: string) => {
    await ensureTopics(kafka, [{ topic: deadLetterTopic(groupId), partitions: 1 }]);
    return collectTopic(kafka, deadLetterTopic(groupId));
  };

  const counted = async (metrics: PlatformMetrics, consumer: string, outcome: string) =>
    (await metrics.consumerMessages.get()).values.find((v) => v.labels.consumer === consumer && v.labels.outcome === outcome)?.value ?? 0;

  it('skips event types it has no handler for, before any contract check, and dead-letters nothing', async () => {
    const topic = await createTestTopic(kafka, 'skip', 1);
    const groupId = `g-${randomUUID()}`;
    const metrics = new PlatformMetrics('test');
    const unknownType = { key: randomUUID(), value: JSON.stringify({ type: 'billing.invoice-sent', schemaVersion: 4, anything: true }) };
    await publisher.publish(topic, [unknownType, ...answerMessages([1])]);
    const dlt = await collectDeadLetters(groupId);
    const consumer = await startConsumer(groupId, topic, { 'assessment.answer-recorded': { 1: recordEffect(groupId) } }, metrics);
    await eventually(async () => expect(await consumer.lag()).toBe(0), 30_000, 200);
    expect(await counted(metrics, groupId, 'skipped')).toBe(1);
    expect(await counted(metrics, groupId, 'applied')).toBe(1);
    expect(dlt.messages).toHaveLength(0);
    await dlt.stop();
  });

  it('applies an event published in v1 and v2 once, and dead-letters a v2-only event for replay once the consumer knows v2', async () => {
    const topic = await createTestTopic(kafka, 'versions', 1);
    const groupId = `g-${randomUUID()}`;
    const both = answerMessages([1, 2]);
    const v2Only = answerMessages([2]);
    await publisher.publish(topic, [...both, ...v2Only]);
    const dlt = await collectDeadLetters(groupId);
    const oldConsumer = await startConsumer(groupId, topic, { 'assessment.answer-recorded': { 1: recordEffect(groupId) } });
    await eventually(async () => expect(await oldConsumer.lag()).toBe(0), 30_000, 200);
    expect((await effects(groupId)).map((r) => r.version)).toEqual([1]);
    await eventually(() => expect(dlt.messages).toHaveLength(1), 10_000);
    expect(dlt.messages[0].message.headers!['dlt-error-kind']!.toString()).toBe('unsupported-version');
    await dlt.stop();
    await oldConsumer.stop();
    running.splice(running.indexOf(oldConsumer), 1);

    // The consumer is upgraded to handle v2, and its dead letters are replayed into it (only it).
    const bystander = `g-${randomUUID()}`;
    const other = await startConsumer(bystander, topic, { 'assessment.answer-recorded': { 1: recordEffect(bystander), 2: recordEffect(bystander) } });
    await eventually(async () => expect(await other.lag()).toBe(0), 30_000, 200);
    const upgraded = await startConsumer(groupId, topic, { 'assessment.answer-recorded': { 1: recordEffect(groupId), 2: recordEffect(groupId) } });
    const replay = await replayDeadLetters(kafka, groupId, publisher);
    expect(replay.replayed).toBe(1);
    expect(replay.letters[0]).toMatchObject({ kind: 'unsupported-version', originalTopic: topic });
    await eventually(async () => expect((await effects(groupId)).map((r) => r.version)).toEqual([1, 2]), 30_000, 200);
    expect((await effects(groupId)).map((r) => r.event_id)).toEqual([JSON.parse(both[0].value).id, JSON.parse(v2Only[0].value).id]);
    await eventually(async () => expect(await other.lag()).toBe(0), 30_000, 200);
    expect(await effects(bystander)).toHaveLength(2); // its own two events, not the replayed copy again
    expect((await replayDeadLetters(kafka, groupId, publisher)).replayed).toBe(0);
    void upgraded;
  });

  it('replays each dead letter once, leaves one that arrives during a replay for the next, and lists without side effects', async () => {
    const groupId = `g-${randomUUID()}`;
    const dlt = deadLetterTopic(groupId);
    await ensureTopics(kafka, [{ topic: dlt, partitions: 1 }]);
    const letter = (n: number): OutboundMessage => ({ key: `k${n}`, value: `letter ${n}`, headers: { 'dlt-original-topic': 'test.original', 'dlt-error-kind': 'handler', 'dlt-error': `e${n}` } });
    await publisher.publish(dlt, [letter(1), letter(2)]);
    const sent: string[] = [];
    let lateLetterSent = false;
    const capturing = {
      publish: async (topic: string, messages: OutboundMessage[]) => {
        sent.push(...messages.map((m) => `${topic}:${m.value}:${m.headers?.['replay-for-group']}`));
        if (!lateLetterSent) {
          lateLetterSent = true;
          await publisher.publish(dlt, [letter(3)]); // lands while the replay runs
        }
      },
      close: async () => undefined,
    };
    expect((await replayDeadLetters(kafka, groupId, capturing)).letters.map((l) => l.error)).toEqual(['e1', 'e2']);
    expect((await replayDeadLetters(kafka, groupId, capturing)).letters.map((l) => l.error)).toEqual(['e3']);
    expect((await replayDeadLetters(kafka, groupId, capturing)).replayed).toBe(0);
    expect(sent).toEqual([`test.original:letter 1:${groupId}`, `test.original:letter 2:${groupId}`, `test.original:letter 3:${groupId}`]);
    const listed = await replayDeadLetters(kafka, groupId, capturing, { dryRun: true });
    expect(listed.letters.map((l) => [l.error, l.replayed])).toEqual([
      ['e1', true],
      ['e2', true],
      ['e3', true],
    ]);
    expect(sent).toHaveLength(3);
  });

  it.each([
    ['statement timeout (57014)', () => Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
    ['read-only after failover (25006)', () => Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' })],
    ['lock timeout (55P03)', () => Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' })],
    ["pg's unusable client", () => new Error('Client has encountered a connection error and is not queryable')],
    ['a handler bug', () => new TypeError("Cannot read properties of undefined (reading 'x')")],
  ])('redelivers a message whose handler fails with %s until it succeeds, dead-letters nothing', async (_, failure) => {
    const topic = await createTestTopic(kafka, 'transient', 1);
    const groupId = `g-${randomUUID()}`;
    const metrics = new PlatformMetrics('test');
    let failuresLeft = 6; // more than the attempts a poison message gets
    const flaky: IntegrationHandler = async (e, client) => {
      if (failuresLeft-- > 0) throw failure();
      await recordEffect(groupId)(e, client);
    };
    await publisher.publish(topic, answerMessages([1]));
    const dlt = await collectDeadLetters(groupId);
    const consumer = await startConsumer(groupId, topic, { 'assessment.answer-recorded': { 1: flaky } }, metrics);
    await eventually(async () => expect(await consumer.lag()).toBe(0), 60_000, 200);
    expect(await effects(groupId)).toHaveLength(1);
    expect(dlt.messages).toHaveLength(0);
    expect((await metrics.consumerRedeliveries.get()).values[0].value).toBe(6);
    await dlt.stop();
  });

  it('prunes inbox rows older than the retention, in batches, and only its own', async () => {
    const tenant = randomUUID();
    const insert = (consumer: string, ageDays: number, n: number) =>
      db.admin.query(
        `INSERT INTO ${db.roles.schema}.inbox (consumer, event_id, tenant_id, processed_at)
         SELECT $1, gen_random_uuid(), $2, now() - make_interval(days => $3) FROM generate_series(1, $4)`,
        [consumer, tenant, ageDays, n],
      );
    await insert('pruned', 9, 5);
    await insert('pruned', 1, 2);
    await insert('neighbour', 9, 3);
    const deleted = await pruneInbox(db.relay, db.roles.schema, 'pruned', new Date(Date.now() - 7 * 24 * 3_600_000), 2);
    expect(deleted).toBe(5);
    const left = await db.admin.query(`SELECT consumer, count(*)::int AS n FROM ${db.roles.schema}.inbox WHERE tenant_id = $1 GROUP BY consumer ORDER BY consumer`, [tenant]);
    expect(left.rows).toEqual([
      { consumer: 'neighbour', n: 3 },
      { consumer: 'pruned', n: 2 },
    ]);
  });

  it('keeps envelope types the registry validates (sanity of the v2 test contract)', () => {
    const [m] = answerMessages([2]);
    const envelope = JSON.parse(m.value) as IntegrationEnvelope<string, AnswerRecordedV1>;
    expect(contracts.validate({ ...envelope, data: { ...envelope.data, value: 5 } }).schemaVersion).toBe(2);
    expect(() => contracts.validate({ ...envelope, schemaVersion: 1, data: { ...envelope.data, value: 5 } })).toThrow(/value/);
  });
});
