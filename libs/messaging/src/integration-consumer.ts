import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { Logger, PlatformMetrics, runWithLogContext } from '@assay/observability';
import { EventContractRegistry } from './contract-registry';
import { backoffMs } from './error-text';
import { ConsumerLag } from './consumer-lag';
import { IntegrationHandler, IntegrationHandlers, routeMessage } from './consumer-routing';
import { DeadLetter, DeadLetterPublisher } from './dead-letter-publisher';
import { BatchItemFailure, InboxItem, InboxOutcome, applyInboxBatch } from './inbox-batch';
import { ensureTopics } from './ensure-topics';
import { PoisonClassifier, isPoisonMessage } from './failure-classification';
import { headersAsText } from './message-headers';

export interface IntegrationConsumerOptions {
  groupId: string;
  topics: string[];
  kafka: Kafka;
  /** Pool of the service's application role; each message runs under its envelope's tenant. */
  pool: Pool;
  schema: string;
  handlers: IntegrationHandlers;
  contracts: EventContractRegistry;
  logger: Logger;
  metrics?: PlatformMetrics;
  /** Defaults to a producer of the consumer's own (see DeadLetterPublisher). */
  deadLetters?: DeadLetterPublisher;
  /** Which handler failures are the message's fault; a service adds its domain rule errors. */
  isPoison?: PoisonClassifier;
  /** Attempts at a poison message before it is dead-lettered. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  /** Ceiling of the backoff between redeliveries of a message that failed for another reason. */
  maxRedeliveryDelayMs?: number;
  /** Partitions handled at once, each in its own transaction (and pooled connection). */
  partitionConcurrency?: number;
  /** Most messages applied in one transaction; a Kafka batch larger than this is cut. */
  maxBatchSize?: number;
}

/** A message to apply, with what the dead-letter path needs if it turns out to be poison. */
interface BatchItem extends InboxItem {
  message: KafkaMessage;
}

/** Raised inside a redelivery loop when the consumer stops: the offset must stay uncommitted. */
class ConsumerStopping extends Error {}

/**
 * At-least-once delivery, exactly-once effect: the handler's writes and the inbox row keyed by
 * (consumer, event id) commit in one PostgreSQL transaction, so a redelivered message finds its
 * inbox row and changes nothing. Types without a handler are skipped; poison (unparseable,
 * off-contract, or a failure the classifier blames on the message) goes to the group's dead-letter
 * topic after bounded attempts; any other failure (database or broker unavailable, a lost race) is
 * retried with backoff until it succeeds, so an outage never dead-letters a valid event.
 *
 * A partition's fetched batch is applied in one transaction (one commit instead of one per
 * message, see inbox-batch.ts), in offset order, so a key's events keep their order. When one
 * message fails, the batch splits: the messages before it commit together, the failing one goes
 * the single-message way above (retried, or dead-lettered if poison), and the rest continue as a
 * batch. Offsets are resolved only after the transaction that applied them committed.
 */
export class IntegrationConsumer {
  private consumer: Consumer | undefined;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly lagMeter: ConsumerLag;
  private stopping = false;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: IntegrationConsumerOptions) {
    this.deadLetters = options.deadLetters ?? DeadLetterPublisher.forGroup(options.kafka, options.groupId);
    this.lagMeter = new ConsumerLag(options.kafka, options.groupId, options.topics);
  }

  get deadLetterTopic(): string {
    return this.deadLetters.topic;
  }

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    this.stopping = false;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 20_000,
      heartbeatInterval: 2_000,
      allowAutoTopicCreation: false,
      retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 5_000, restartOnFailure: async () => true },
    });
    this.consumer = consumer;
    await ensureTopics(kafka, [{ topic: this.deadLetters.topic, partitions: 1 }]);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionConcurrency ?? 4,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Interrupts redelivery waits, lets in-flight handlers finish, commits offsets, leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await this.consumer?.disconnect();
    this.consumer = undefined;
    await Promise.all([this.deadLetters.close(), this.lagMeter.close()]);
  }

  /** Messages on the subscribed topics not yet committed by this group. */
  lag(): Promise<number> {
    return this.lagMeter.measure();
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { maxBatchSize = 500 } = this.options;
    for (let from = 0; from < batch.messages.length; from += maxBatchSize) {
      if (!isRunning() || isStale()) return;
      const slice = batch.messages.slice(from, from + maxBatchSize);
      const toApply: BatchItem[] = [];
      for (const message of slice) {
        const item = await this.routeOrSettle(batch.topic, batch.partition, message);
        if (item) toApply.push(item);
      }
      await this.settleBatch(toApply, heartbeat, (item, error, attempts) =>
        this.deadLetter({ topic: batch.topic, partition: batch.partition, message: item.message, error, kind: 'handler', attempts }),
      );
      resolveOffset(slice[slice.length - 1].offset);
      await heartbeat();
    }
  }

  /**
   * Skips or dead-letters what needs no handler (neither touches the database, so doing it before
   * the batch's handled messages commit changes no outcome) and returns what a handler applies.
   */
  private async routeOrSettle(topic: string, partition: number, message: KafkaMessage): Promise<BatchItem | undefined> {
    const { groupId, handlers, contracts, metrics } = this.options;
    const route = routeMessage({ value: message.value?.toString() ?? '', headers: headersAsText(message.headers) }, groupId, handlers, contracts);
    switch (route.kind) {
      case 'skip':
        metrics?.consumerMessages.inc({ consumer: groupId, outcome: 'skipped' });
        return undefined;
      case 'dead-letter':
        await this.deadLetter({ topic, partition, message, error: route.error, kind: route.errorKind, attempts: 1 });
        return undefined;
      case 'handle':
        return { envelope: route.envelope, handler: route.handler, message };
      default: {
        const unknown: never = route;
        throw new Error(`unknown route ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * Applies the items in one transaction; when item i fails, commits items before i as a batch,
   * settles i alone, and carries on with the rest. A failure no item is blamed for (BEGIN or
   * COMMIT, the database gone) retries the whole batch after a backoff.
   */
  private async settleBatch(
    items: BatchItem[],
    heartbeat: () => Promise<void>,
    deadLetter: (item: BatchItem, error: unknown, attempts: number) => Promise<void>,
  ): Promise<void> {
    const { pool, schema, groupId, logger, metrics, retryBaseDelayMs = 100, maxRedeliveryDelayMs = 5_000 } = this.options;
    let rest = items;
    for (let attempt = 1; rest.length > 0; ) {
      if (rest.length === 1) {
        const [only] = rest;
        return this.applyUntilSettled(only.envelope, only.handler, heartbeat, (error, attempts) => deadLetter(only, error, attempts));
      }
      try {
        this.count(await applyInboxBatch(pool, schema, groupId, rest));
        return;
      } catch (error) {
        if (error instanceof BatchItemFailure) {
          const failed = rest[error.index];
          logger.debug({ err: error.cause, eventId: failed.envelope.id, batch: rest.length }, 'a message failed inside a batch; splitting the batch around it');
          await this.settleBatch(rest.slice(0, error.index), heartbeat, deadLetter);
          await this.applyUntilSettled(failed.envelope, failed.handler, heartbeat, (e, attempts) => deadLetter(failed, e, attempts));
          rest = rest.slice(error.index + 1);
          attempt = 1;
          continue;
        }
        metrics?.consumerRedeliveries.inc({ consumer: groupId });
        const delay = backoffMs(attempt, retryBaseDelayMs, maxRedeliveryDelayMs);
        logger.warn({ err: error, batch: rest.length, attempt, retryInMs: delay }, 'batch failed; redelivering');
        attempt++;
        await this.sleep(delay);
        await heartbeat();
      }
    }
  }

  private count(outcomes: InboxOutcome[]): void {
    for (const outcome of outcomes) this.options.metrics?.consumerMessages.inc({ consumer: this.options.groupId, outcome });
  }

  /** One message in its own transaction, until it is applied or, if poison, dead-lettered. */
  private applyUntilSettled(
    envelope: IntegrationEnvelope,
    handler: IntegrationHandler,
    heartbeat: () => Promise<void>,
    deadLetter: (error: unknown, attempts: number) => Promise<void>,
  ): Promise<void> {
    const { logger, metrics, groupId, pool, schema, maxAttempts = 5, retryBaseDelayMs = 100, maxRedeliveryDelayMs = 5_000, isPoison = isPoisonMessage } = this.options;
    return runWithLogContext({ tenantId: envelope.tenantId, correlationId: envelope.correlationId }, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          this.count(await applyInboxBatch(pool, schema, groupId, [{ envelope, handler }]));
          return;
        } catch (failure) {
          const error = failure instanceof BatchItemFailure ? failure.cause : failure;
          const poison = isPoison(error);
          if (poison && attempt >= maxAttempts) return deadLetter(error, attempt);
          if (!poison) metrics?.consumerRedeliveries.inc({ consumer: groupId });
          const delay = backoffMs(attempt, retryBaseDelayMs, maxRedeliveryDelayMs);
          logger.warn({ err: error, eventId: envelope.id, attempt, poison, retryInMs: delay }, poison ? 'handler rejected the message; retrying' : 'handler failed; redelivering');
          await this.sleep(delay);
          // A rebalance in progress surfaces here: rethrowing leaves the offset uncommitted and lets
          // the member rejoin, instead of holding the whole group up while this message waits.
          await heartbeat();
        }
      }
    });
  }

  /** If publishing the dead letter fails, the error reaches kafkajs and the offset stays uncommitted. */
  private async deadLetter(letter: DeadLetter): Promise<void> {
    await this.deadLetters.send(letter);
    this.options.metrics?.consumerMessages.inc({ consumer: this.options.groupId, outcome: 'dead-lettered' });
    this.options.logger.error({ err: letter.error, kind: letter.kind, topic: letter.topic, partition: letter.partition, offset: letter.message.offset }, 'message dead-lettered');
  }

  /** A wait that a stop interrupts by throwing, so the message is not committed half-done. */
  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.reject(new ConsumerStopping('consumer stopping'));
    return new Promise((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        if (this.stopping) reject(new ConsumerStopping('consumer stopping'));
        else resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
