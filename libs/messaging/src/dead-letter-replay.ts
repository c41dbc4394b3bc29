import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@assay/contracts';
import { DLT_HEADER_PREFIX, Headers, headersAsText } from './message-headers';
import { MessagePublisher } from './message-publisher';

export interface DeadLetterView {
  offset: string;
  key: string;
  kind: string;
  error: string;
  originalTopic: string;
  attempts: string;
  at: string;
}

export interface DeadLetterReplay {
  /** The dead letters taken, in order. */
  letters: DeadLetterView[];
  replayed: number;
}

/**
 * Replays a consumer group's dead letters into that consumer, once the cause is fixed: each goes
 * back to its original topic (same key, so the same partition) with its original headers and a
 * `replay-for-group` header, which every other group skips. The inbox makes a replay of something
 * already applied a no-op. A replayer group of its own commits its progress, so each dead letter is
 * replayed once; `dryRun` lists them without publishing or committing.
 */
export async function replayDeadLetters(kafka: Kafka, groupId: string, publisher: MessagePublisher, options: { dryRun?: boolean } = {}): Promise<DeadLetterReplay> {
  const topic = deadLetterTopic(groupId);
  const replayer = options.dryRun ? `assay.dlt-lister.${groupId}.${Date.now()}` : `assay.dlt-replayer.${groupId}`;
  const admin = kafka.admin();
  await admin.connect();
  const letters: DeadLetterView[] = [];
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
    const committed = (await admin.fetchOffsets({ groupId: replayer, topics: [topic] }))[0]?.partitions ?? [];
    const remaining = new Set(
      [...ends].filter(([partition, high]) => {
        const at = committed.find((c) => c.partition === partition)?.offset;
        return high > (at === undefined || at === '-1' ? 0n : BigInt(at));
      }).map(([partition]) => partition),
    );
    if (remaining.size === 0) return { letters, replayed: 0 };
    const consumer = kafka.consumer({ groupId: replayer, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: !options.dryRun,
            eachMessage: async ({ partition, message }) => {
              const high = ends.get(partition) ?? 0n;
              if (BigInt(message.offset) >= high) return; // arrived after the replay began
              const headers = headersAsText(message.headers);
              letters.push({
                offset: message.offset,
                key: message.key?.toString() ?? '',
                kind: headers['dlt-error-kind'] ?? '',
                error: headers['dlt-error'] ?? '',
                originalTopic: headers['dlt-original-topic'] ?? '',
                attempts: headers['dlt-attempts'] ?? '',
                at: headers['dlt-at'] ?? '',
              });
              if (!options.dryRun) {
                const original = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(DLT_HEADER_PREFIX)));
                await publisher.publish(headers['dlt-original-topic'], [
                  { key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers: { ...original, [Headers.replayForGroup]: groupId } },
                ]);
              }
              if (BigInt(message.offset) + 1n >= high) remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    if (options.dryRun) await admin.deleteGroups([replayer]).catch(() => undefined);
    return { letters, replayed: options.dryRun ? 0 : letters.length };
  } finally {
    await admin.disconnect();
  }
}
