// @platformatic/kafka is ES-module-only: jest.config.js maps it to Node's own loader.
import { randomUUID } from 'node:crypto';
import { Producer } from '@platformatic/kafka';
import { Kafka } from 'kafkajs';
import { CollectedMessage, collectTopic, createTestTopic, eventually, testKafka } from '@assay/testing';
import { brokersFromEnv } from './kafka-connection';
import { KafkaMessagePublisher, OutboundMessage } from './message-publisher';
import { PlatformaticMessagePublisher } from './platformatic-message-publisher';

const PARTITIONS = 6; // not a power of two: platformatic's own default partitioner would move about half the keys

describe('PlatformaticMessagePublisher (real Kafka, read back with kafkajs)', () => {
  let kafka: Kafka;
  let publisher: PlatformaticMessagePublisher;

  beforeAll(() => {
    kafka = testKafka('assay-test-platformatic');
    publisher = new PlatformaticMessagePublisher({ brokers: brokersFromEnv(), clientId: 'assay-test-platformatic' });
  });
  afterAll(async () => {
    await publisher?.close();
  });

  const readAll = async (topic: string, count: number): Promise<CollectedMessage[]> => {
    const collected = await collectTopic(kafka, topic);
    try {
      await eventually(() => expect(collected.messages.length).toBeGreaterThanOrEqual(count), 20_000);
      return collected.messages;
    } finally {
      await collected.stop();
    }
  };
  const idOf = (m: CollectedMessage) => m.message.headers?.['message-id']?.toString() ?? '';

  it('sends the bytes, headers and partitions kafkajs sends, in order per key', async () => {
    const tenants = [...Array.from({ length: 40 }, () => randomUUID()), '', 'tenant-ü-🚀'];
    const messages: OutboundMessage[] = tenants.flatMap((tenant, t) =>
      Array.from({ length: 5 }, (_, i) => ({
        key: tenant,
        value: JSON.stringify({ tenant, seq: i, text: 'réponse – 答え ✓' }),
        headers: { 'message-id': `${t}-${i}`, 'content-type': 'application/json', 'x-note': 'naïve ☕', 'x-empty': '' },
      })),
    );
    const viaPlatformatic = await createTestTopic(kafka, 'platformatic', PARTITIONS);
    const viaKafkajs = await createTestTopic(kafka, 'platformatic-kafkajs', PARTITIONS);
    const kafkajsPublisher = new KafkaMessagePublisher(kafka);
    try {
      for (let i = 0; i < messages.length; i += 70) await publisher.publish(viaPlatformatic, messages.slice(i, i + 70));
      for (let i = 0; i < messages.length; i += 70) await kafkajsPublisher.publish(viaKafkajs, messages.slice(i, i + 70));
    } finally {
      await kafkajsPublisher.close();
    }

    const [fromPlatformatic, fromKafkajs] = await Promise.all([readAll(viaPlatformatic, messages.length), readAll(viaKafkajs, messages.length)]);
    expect(fromPlatformatic).toHaveLength(messages.length);
    const kafkajsById = new Map(fromKafkajs.map((m) => [idOf(m), m]));
    const sent = new Map(messages.map((m) => [m.headers?.['message-id'] ?? '', m]));
    for (const received of fromPlatformatic) {
      const original = sent.get(idOf(received))!;
      const twin = kafkajsById.get(idOf(received))!;
      expect(received.partition).toBe(twin.partition);
      expect(received.message.key).toEqual(Buffer.from(original.key, 'utf8'));
      expect(received.message.key).toEqual(twin.message.key);
      expect(received.message.value).toEqual(Buffer.from(original.value, 'utf8'));
      expect(received.message.value).toEqual(twin.message.value);
      expect(received.message.headers).toEqual(Object.fromEntries(Object.entries(original.headers!).map(([k, v]) => [k, Buffer.from(v, 'utf8')])));
      expect(received.message.headers).toEqual(twin.message.headers);
    }
    // The keys were spread (6 partitions used) and each key's messages are in publish order.
    expect(new Set(fromPlatformatic.map((m) => m.partition)).size).toBe(PARTITIONS);
    for (const tenant of tenants) {
      const ofTenant = fromPlatformatic.filter((m) => m.message.key!.toString() === tenant);
      expect(new Set(ofTenant.map((m) => m.partition)).size).toBe(1);
      const inOffsetOrder = [...ofTenant].sort((a, b) => Number(BigInt(a.message.offset) - BigInt(b.message.offset)));
      expect(inOffsetOrder.map((m) => JSON.parse(m.message.value!.toString()).seq)).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('replaces a producer that was closed underneath it', async () => {
    const topic = await createTestTopic(kafka, 'platformatic-closed', 3);
    const sends = jest.spyOn(Producer.prototype, 'send');
    try {
      await publisher.publish(topic, [{ key: 'tenant-a', value: 'before' }]);
      const first = sends.mock.contexts.at(-1) as Producer;
      await first.close();
      await publisher.publish(topic, [{ key: 'tenant-a', value: 'after' }]);
      expect(sends.mock.contexts.at(-1)).not.toBe(first);
    } finally {
      sends.mockRestore();
    }
    const received = await readAll(topic, 2);
    expect(received.map((m) => m.message.value!.toString())).toEqual(['before', 'after']);
  });

  it('fails a publish to a missing topic without creating it, then publishes on a fresh producer', async () => {
    const shortRetries = new PlatformaticMessagePublisher({ brokers: brokersFromEnv(), clientId: 'assay-test-platformatic-missing', retries: 2 });
    const missing = `test.platformatic-missing.${randomUUID()}`;
    const topic = await createTestTopic(kafka, 'platformatic-after-failure', 3);
    const sends = jest.spyOn(Producer.prototype, 'send');
    try {
      await expect(shortRetries.publish(missing, [{ key: 'tenant-a', value: 'lost' }])).rejects.toThrow();
      const failed = sends.mock.contexts.at(-1) as Producer;
      expect(failed.closed).toBe(true);
      await shortRetries.publish(topic, [{ key: 'tenant-a', value: 'delivered' }]);
      expect(sends.mock.contexts.at(-1)).not.toBe(failed);
    } finally {
      sends.mockRestore();
      await shortRetries.close();
    }
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain(missing);
    } finally {
      await admin.disconnect();
    }
    expect((await readAll(topic, 1)).map((m) => m.message.value!.toString())).toEqual(['delivered']);
  });
});
