import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { collectTopic, createTestTopic, eventually, testKafka } from '@assay/testing';
import { KafkaClientName, createMessagePublisher } from './kafka-client-choice';
import { brokersFromEnv } from './kafka-connection';
import { OutboundMessage } from './message-publisher';

// A relay catching up publishes hundreds of one tenant's events at once, all to one partition: far
// more than the broker's 1 MiB record-batch limit when the events are score events of a large framework.
describe('publishing more than the broker takes in one request (real Kafka)', () => {
  let kafka: Kafka;
  beforeAll(() => {
    kafka = testKafka('assay-test-large-publish');
  });

  it.each<KafkaClientName>(['kafkajs', 'platformatic'])('delivers 6 MB for one key on %s, every message once and in order', async (client) => {
    const topic = await createTestTopic(kafka, `large-${client}`);
    const tenant = randomUUID();
    const padding = 'x'.repeat(20_000);
    const messages: OutboundMessage[] = Array.from({ length: 300 }, (_, seq) => ({ key: tenant, value: JSON.stringify({ seq, padding }), headers: { seq: String(seq) } }));
    const publisher = createMessagePublisher({ kafka, brokers: brokersFromEnv(), clientId: `assay-test-large-${client}`, client });
    try {
      await publisher.publish(topic, messages);
    } finally {
      await publisher.close();
    }
    const collected = await collectTopic(kafka, topic);
    try {
      await eventually(() => expect(collected.messages.length).toBeGreaterThanOrEqual(300), 30_000);
    } finally {
      await collected.stop();
    }
    expect(collected.messages.map((m) => (JSON.parse(m.message.value!.toString()) as { seq: number }).seq)).toEqual(messages.map((_, seq) => seq));
  }, 60_000);
});
