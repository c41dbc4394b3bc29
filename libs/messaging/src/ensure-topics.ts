import { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions?: number;
}

/** Creates missing topics; existing ones are left as they are, so it is safe on every start. */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.partitions ?? 6, replicationFactor: 1 })),
    });
  } finally {
    await admin.disconnect();
  }
}
