/**
 * The consuming side of the messaging port: what IntegrationConsumer needs from a Kafka client,
 * so that the inbox, routing, redelivery and dead-letter logic is written once for every client
 * (kafkajs-batch-source.ts, platformatic-batch-source.ts).
 */

/** A message as the consumer reads it: values and headers are UTF-8 text (JSON envelopes). */
export interface ConsumedMessage {
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Consecutive messages of one partition, in offset order. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
}

export interface BatchControls {
  /**
   * False once the batch must not go on: the consumer is stopping, or the partition may have moved
   * to another member (a rebalance). The rest of the batch is then redelivered from the last
   * offset marked processed.
   */
  isActive(): boolean;
  /** Keeps the membership alive during a long batch; rejects when the batch is no longer active. */
  heartbeat(): Promise<void>;
  /**
   * The message at `offset` and every one before it in this batch are settled (their transaction
   * committed, or they were skipped or dead-lettered): the group may commit past it.
   */
  markProcessed(offset: string): void;
}

/** Applies one batch; a rejection leaves everything after the last marked offset to be redelivered. */
export type BatchHandler = (batch: PartitionBatch, controls: BatchControls) => Promise<void>;

/**
 * Delivers a consumer group's messages as per-partition batches. Guarantees every implementation
 * keeps: one batch at a time per partition, in offset order; at most `partitionConcurrency`
 * partitions' batches at once; a group with no committed offset starts at the earliest message;
 * offsets are committed only once marked processed, so every message is delivered at least once.
 */
export interface PartitionBatchSource {
  /** Joins the group and starts delivering; resolves once consumption runs. */
  start(onBatch: BatchHandler): Promise<void>;
  /** Lets in-flight batches end, commits what was marked processed and leaves the group. */
  stop(): Promise<void>;
}

export interface BatchSourceOptions {
  groupId: string;
  topics: string[];
  /** Partitions whose batches run at once. */
  partitionConcurrency: number;
}
