import { Admin, Kafka } from 'kafkajs';
import { deadLetterTopic } from '@assay/contracts';
import { DLT_HEADER_PREFIX, Headers, headersAsText } from './message-headers';
import { MessagePublisher } from './message-publisher';

export interface DeadLetterView {
  partition: number;
  offset: string;
  key: string;
  kind: string;
  error: string;
  originalTopic: string;
  attempts: string;
  at: string;
  /** Already sent back into the group by an earlier replay. */
  replayed: boolean;
}

export interface DeadLetterReplay {
  /** The dead letters read, in order: all of them when listing, those replayed now otherwise. */
  letters: DeadLetterView[];
  replayed: number;
}

/** Per partition: first offset to read and the end (exclusive) fixed when the command began. */
type Ranges = Map<number, { from: bigint; to: bigint; replayedBelow: bigint }>;

async function ranges(admin: Admin, topic: string, replayer: string, listing: boolean): Promise<Ranges> {
  const committed = (await admin.fetchOffsets({ groupId: replayer, topics: [topic] }))[0]?.partitions ?? [];
  const result: Ranges = new Map();
  for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) {
    const at = committed.find((c) => c.partition === partition)?.offset;
    const replayedBelow = at === undefined || at === '-1' ? BigInt(low) : BigInt(at);
    const from = listing ? BigInt(low) : replayedBelow;
    if (BigInt(high) > from) result.set(partition, { from, to: BigInt(high), replayedBelow });
  }
  return result;
}

/**
 * Replays a consumer group's dead letters into that consumer, once the cause is fixed: each goes
 * back to its original topic (same key, so the same partition) with its original headers and a
 * `replay-for-group` header, which every other group skips. The inbox makes a replay of something
 * already applied a no-op. A replayer group of its own commits, one by one, only the offsets it
 * has replayed, and stops at the end each partition had when the command began: a letter that
 * arrives meanwhile is left for the next replay, never skipped. `dryRun` lists every dead letter
 * (marking those already replayed) without publishing or committing anything.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  groupId: string,
  publisher: MessagePublisher,
  options: { dryRun?: boolean; timeoutMs?: number } = {},
): Promise<DeadLetterReplay> {
  const topic = deadLetterTopic(groupId);
  const replayer = `assay.dlt-replayer.${groupId}`;
  const admin = kafka.admin();
  await admin.connect();
  const letters: DeadLetterView[] = [];
  try {
    const todo = await ranges(admin, topic, replayer, options.dryRun === true);
    if (todo.size === 0) return { letters, replayed: 0 };
    // Listing reads under a throwaway group so that the replayer's commits stay untouched.
    const reader = options.dryRun ? `assay.dlt-lister.${groupId}.${process.pid}.${Date.now()}` : replayer;
    const consumer = kafka.consumer({ groupId: reader, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timeoutMs = options.timeoutMs ?? 120_000;
        // An operator command must end: if the broker never hands over the rest, say so.
        const timer = setTimeout(() => reject(new Error(`dead letters of ${groupId} not all read within ${timeoutMs} ms; ${letters.length} taken`)), timeoutMs);
        const finished = (partition: number) => {
          todo.delete(partition);
          consumer.pause([{ topic, partitions: [partition] }]);
          if (todo.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        };
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const range = todo.get(partition);
              const offset = BigInt(message.offset);
              if (!range) return; // done, or nothing to take there
              if (offset >= range.to) return finished(partition); // arrived after the command began
              if (offset < range.from) return;
              const headers = headersAsText(message.headers);
              letters.push({
                partition,
                offset: message.offset,
                key: message.key?.toString() ?? '',
                kind: headers['dlt-error-kind'] ?? '',
                error: headers['dlt-error'] ?? '',
                originalTopic: headers['dlt-original-topic'] ?? '',
                attempts: headers['dlt-attempts'] ?? '',
                at: headers['dlt-at'] ?? '',
                replayed: offset < range.replayedBelow,
              });
              if (!options.dryRun) {
                if (!headers['dlt-original-topic']) throw new Error(`dead letter at offset ${message.offset} names no original topic`);
                const original = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(DLT_HEADER_PREFIX)));
                await publisher.publish(headers['dlt-original-topic'], [
                  { key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers: { ...original, [Headers.replayForGroup]: groupId } },
                ]);
                await consumer.commitOffsets([{ topic, partition, offset: (offset + 1n).toString() }]);
              }
              if (offset + 1n >= range.to) finished(partition);
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    if (options.dryRun) await admin.deleteGroups([reader]).catch(() => undefined); // best effort; an empty group expires anyway
    return { letters, replayed: options.dryRun ? 0 : letters.length };
  } finally {
    await admin.disconnect();
  }
}
