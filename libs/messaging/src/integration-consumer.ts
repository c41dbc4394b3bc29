import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { Logger, PlatformMetrics, runWithLogContext } from '@assay/observability';
import { TransactionRunner, poolTransactions } from '@assay/postgres';
import { BatchControls, ConsumedMessage, PartitionBatch, PartitionBatchSource } from './batch-consumption';
import { EventContractRegistry } from './contract-registry';
import { backoffMs } from './error-text';
import { ConsumerLag } from './consumer-lag';
import { IntegrationHandler, IntegrationHandlers, routeMessage } from './consumer-routing';
import { DeadLetter, DeadLetterPublisher } from './dead-letter-publisher';
import { BatchItemFailure, BatchSetFailure, InboxItem, InboxOutcome, applyInboxBatch } from './inbox-batch';
import { ensureTopics } from './ensure-topics';
import { PoisonClassifier, isPoisonMessage } from './failure-classification';
import { KafkaClientName, createMessagePublisher, kafkaClientFromEnv } from './kafka-client-choice';
import { brokersFromEnv } from './kafka-connection';
import { KafkajsBatchSource } from './kafkajs-batch-source';
import { PlatformaticBatchSource } from './platformatic-batch-source';

export interface IntegrationConsumerOptions {
  groupId: string;
  topics: string[];
  /** kafkajs client: the kafkajs consumer, and the lag and topic administration on either client. */
  kafka: Kafka;
  /** The client that consumes (and dead-letters); defaults to KAFKA_CLIENT (kafkaClientFromEnv). */
  client?: KafkaClientName;
  /** Brokers of the platformatic client; defaults to KAFKA_BROKERS (brokersFromEnv). */
  brokers?: string[];
  /** Client id of the platformatic client; defaults to `assay-<groupId>`. */
  clientId?: string;
  /** Pool of the service's application role; each message runs under its envelope's tenant. */
  pool: Pool;
  /** Opens each batch's transaction; defaults to one of `pool`. */
  transactions?: TransactionRunner;
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
  message: ConsumedMessage;
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
 * batch. Offsets are marked processed only after the transaction that applied them committed.
 * Fetching, grouping by partition and committing are the Kafka client's (PartitionBatchSource).
 */
export class IntegrationConsumer {
  private source: PartitionBatchSource | undefined;
  private readonly client: KafkaClientName;
  /** The platformatic client's brokers and client id, defaults resolved once. */
  private readonly brokers: string[];
  private readonly clientId: string;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly lagMeter: ConsumerLag;
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private readonly transactions: TransactionRunner;

  constructor(private readonly options: IntegrationConsumerOptions) {
    const { kafka, groupId } = options;
    this.transactions = options.transactions ?? poolTransactions(options.pool);
    this.client = options.client ?? kafkaClientFromEnv();
    this.brokers = options.brokers ?? brokersFromEnv();
    this.clientId = options.clientId ?? `assay-${groupId}`;
    this.deadLetters =
      options.deadLetters ?? DeadLetterPublisher.forGroup(kafka, groupId, createMessagePublisher({ kafka, brokers: this.brokers, clientId: `${this.clientId}-dlt`, client: this.client }));
    this.lagMeter = new ConsumerLag(options.kafka, options.groupId, options.topics);
  }

  get deadLetterTopic(): string {
    return this.deadLetters.topic;
  }

  async start(): Promise<void> {
    this.stopping = false;
    const source = this.createSource();
    this.source = source; // before it starts, so that a stop during start stops it
    await ensureTopics(this.options.kafka, [{ topic: this.deadLetters.topic, partitions: 1 }]);
    await source.start((batch, controls) => this.onBatch(batch, controls));
  }

  /** Interrupts redelivery waits, lets in-flight handlers finish, commits offsets, leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await this.source?.stop();
    this.source = undefined;
    await Promise.all([this.deadLetters.close(), this.lagMeter.close()]);
  }

  /** Messages on the subscribed topics not yet committed by this group. */
  lag(): Promise<number> {
    return this.lagMeter.measure();
  }

  private createSource(): PartitionBatchSource {
    const { kafka, groupId, topics, partitionConcurrency = 4, logger } = this.options;
    const options = { groupId, topics, partitionConcurrency };
    return this.client === 'platformatic'
      ? new PlatformaticBatchSource({ ...options, brokers: this.brokers, clientId: this.clientId, logger })
      : new KafkajsBatchSource(kafka, options);
  }

  private async onBatch(batch: PartitionBatch, { isActive, heartbeat, markProcessed }: BatchControls): Promise<void> {
    const { maxBatchSize = 500 } = this.options;
    for (let from = 0; from < batch.messages.length; from += maxBatchSize) {
      if (!isActive()) return;
      const slice = batch.messages.slice(from, from + maxBatchSize);
      const toApply: BatchItem[] = [];
      for (const message of slice) {
        const item = await this.routeOrSettle(batch.topic, batch.partition, message);
        if (item) toApply.push(item);
      }
      await this.settleBatch(toApply, heartbeat, (item, error, attempts) =>
        this.deadLetter({ topic: batch.topic, partition: batch.partition, message: item.message, error, kind: 'handler', attempts }),
      );
      markProcessed(slice[slice.length - 1].offset);
      await heartbeat();
    }
  }

  /**
   * Skips or dead-letters what needs no handler (neither touches the database, so doing it before
   * the batch's handled messages commit changes no outcome) and returns what a handler applies.
   */
  private async routeOrSettle(topic: string, partition: number, message: ConsumedMessage): Promise<BatchItem | undefined> {
    const { groupId, handlers, contracts, metrics } = this.options;
    const route = routeMessage({ value: message.value, headers: message.headers }, groupId, handlers, contracts);
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
   * settles i alone, and carries on with the rest. When a handler's set form fails, the items
   * before the set commit as a batch and the set's items are applied again one by one, so the
   * failing one names itself. A failure no item is blamed for (BEGIN or COMMIT, the database
   * gone) retries the whole batch after a backoff.
   */
  private async settleBatch(
    items: BatchItem[],
    heartbeat: () => Promise<void>,
    deadLetter: (item: BatchItem, error: unknown, attempts: number) => Promise<void>,
    sets = true,
  ): Promise<void> {
    const { schema, groupId, logger, metrics, retryBaseDelayMs = 100, maxRedeliveryDelayMs = 5_000 } = this.options;
    let rest = items;
    for (let attempt = 1; rest.length > 0; ) {
      if (rest.length === 1) {
        const [only] = rest;
        return this.applyUntilSettled(only.envelope, only.handler, heartbeat, (error, attempts) => deadLetter(only, error, attempts));
      }
      try {
        this.count(await applyInboxBatch(this.transactions, schema, groupId, rest, { sets }));
        return;
      } catch (error) {
        if (error instanceof BatchSetFailure) {
          // Warned and counted: a set form that fails on something only it meets would otherwise
          // turn every batch into one-by-one work with nothing showing it.
          metrics?.consumerSetsSplit.inc({ consumer: groupId });
          logger.warn({ err: error.cause, batch: rest.length, from: error.from, to: error.to }, 'a set of messages failed inside a batch; applying them one by one');
          await this.settleBatch(rest.slice(0, error.from), heartbeat, deadLetter, sets);
          await this.settleBatch(rest.slice(error.from, error.to + 1), heartbeat, deadLetter, false);
          rest = rest.slice(error.to + 1);
          attempt = 1;
          continue;
        }
        if (error instanceof BatchItemFailure) {
          const failed = rest[error.index];
          logger.debug({ err: error.cause, eventId: failed.envelope.id, batch: rest.length }, 'a message failed inside a batch; splitting the batch around it');
          await this.settleBatch(rest.slice(0, error.index), heartbeat, deadLetter, sets);
          // Its failure inside the batch was its first attempt.
          await this.applyUntilSettled(failed.envelope, failed.handler, heartbeat, (e, attempts) => deadLetter(failed, e, attempts), 2);
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

  /**
   * One message in its own transaction, until it is applied or, if poison, dead-lettered after
   * maxAttempts handler runs in all (`firstAttempt` counts the runs it already had in a batch).
   */
  private applyUntilSettled(
    envelope: IntegrationEnvelope,
    handler: IntegrationHandler,
    heartbeat: () => Promise<void>,
    deadLetter: (error: unknown, attempts: number) => Promise<void>,
    firstAttempt = 1,
  ): Promise<void> {
    const { logger, metrics, groupId, schema, maxAttempts = 5, retryBaseDelayMs = 100, maxRedeliveryDelayMs = 5_000, isPoison = isPoisonMessage } = this.options;
    return runWithLogContext({ tenantId: envelope.tenantId, correlationId: envelope.correlationId }, async () => {
      for (let attempt = firstAttempt; ; attempt++) {
        try {
          this.count(await applyInboxBatch(this.transactions, schema, groupId, [{ envelope, handler }]));
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

  /** If publishing the dead letter fails, the error reaches the batch source and the offset stays uncommitted. */
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
