import { randomBytes } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';
import { brokersFromEnv, createKafka, ensureTopics } from '@assay/messaging';
import { createLogger } from '@assay/observability';

export function testKafka(clientId = 'assay-test'): Kafka {
  return createKafka(brokersFromEnv(), clientId, createLogger('test', 'error'));
}

export async function createTestTopic(kafka: Kafka, prefix: string, partitions = 3): Promise<string> {
  const topic = `test.${prefix}.${randomBytes(4).toString('hex')}`;
  await ensureTopics(kafka, [{ topic, partitions }]);
  return topic;
}

export interface CollectedMessage {
  partition: number;
  message: KafkaMessage;
}

/** Reads a topic from the beginning into an array until stop() is called. */
export async function collectTopic(kafka: Kafka, topic: string) {
  const messages: CollectedMessage[] = [];
  const consumer = kafka.consumer({ groupId: `collector-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ partition, message }) => void messages.push({ partition, message }) });
  return { messages, stop: () => consumer.disconnect() };
}
