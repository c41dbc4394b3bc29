import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { BatchHandler, BatchSourceOptions, ConsumedMessage, PartitionBatchSource } from './batch-consumption';
import { headersAsText } from './message-headers';

/**
 * PartitionBatchSource on kafkajs' eachBatch: kafkajs already runs one batch per partition at a time
 * and up to partitionsConsumedConcurrently partitions at once. Offsets are resolved by hand
 * (eachBatchAutoResolve off) and committed by kafkajs after each batch (autoCommit), so only what
 * the handler marked processed is ever committed.
 */
export class KafkajsBatchSource implements PartitionBatchSource {
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchSourceOptions,
  ) {}

  async start(onBatch: BatchHandler): Promise<void> {
    const { groupId, topics, partitionConcurrency } = this.options;
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: 20_000,
      heartbeatInterval: 2_000,
      allowAutoTopicCreation: false,
      retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 5_000, restartOnFailure: async () => true },
    });
    this.consumer = consumer; // before connecting, so that a stop during start disconnects it
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: partitionConcurrency,
      eachBatch: ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) =>
        onBatch(
          { topic: batch.topic, partition: batch.partition, messages: batch.messages.map(asConsumed) },
          { isActive: () => isRunning() && !isStale(), heartbeat, markProcessed: resolveOffset },
        ),
    });
  }

  /** kafkajs waits for running batches, commits the resolved offsets and leaves the group. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }
}

function asConsumed(message: KafkaMessage): ConsumedMessage {
  return { offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', headers: headersAsText(message.headers) };
}
