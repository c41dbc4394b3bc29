import { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { Logger, PlatformMetrics, runWithLogContext } from '@assay/observability';
import { withTenantTransaction } from '@assay/tenancy';
import { EventContractRegistry } from './contract-registry';
import { backoffMs } from './error-text';
import { ConsumerLag } from './consumer-lag';
import { IntegrationHandler, IntegrationHandlers, routeMessage } from './consumer-routing';
import { DeadLetter, DeadLetterPublisher } from './dead-letter-publisher';
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
}

type Outcome = 'applied' | 'duplicate';

/** Raised inside a redelivery loop when the consumer stops: the offset must stay uncommitted. */
class ConsumerStopping extends Error {}

/**
 * At-least-once delivery, exactly-once effect: the handler's writes and the inbox row keyed by
 * (consumer, event id) commit in one PostgreSQL transaction, so a redelivered message finds its
 * inbox row and changes nothing. Types without a handler are skipped; poison (unparseable,
 * off-contract, or a failure the classifier blames on the message) goes to the group's dead-letter
 * topic after bounded attempts; any other failure (database or broker unavailable, a lost race) is
 * retried with backoff until it succeeds, so an outage never dead-letters a valid event.
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
    await consumer.run({ autoCommit: true, partitionsConsumedConcurrently: 3, eachMessage: (p) => this.onMessage(p) });
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

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const { groupId, handlers, contracts, metrics } = this.options;
    const route = routeMessage({ value: message.value?.toString() ?? '', headers: headersAsText(message.headers) }, groupId, handlers, contracts);
    switch (route.kind) {
      case 'skip':
        metrics?.consumerMessages.inc({ consumer: groupId, outcome: 'skipped' });
        return;
      case 'dead-letter':
        return this.deadLetter({ topic, partition, message, error: route.error, kind: route.errorKind, attempts: 1 });
      case 'handle':
        return runWithLogContext({ tenantId: route.envelope.tenantId, correlationId: route.envelope.correlationId }, () =>
          this.applyUntilSettled(route.envelope, route.handler, heartbeat, (error, attempts) =>
            this.deadLetter({ topic, partition, message, error, kind: 'handler', attempts }),
          ),
        );
      default: {
        const unknown: never = route;
        throw new Error(`unknown route ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async applyUntilSettled(
    envelope: IntegrationEnvelope,
    handler: IntegrationHandler,
    heartbeat: () => Promise<void>,
    deadLetter: (error: unknown, attempts: number) => Promise<void>,
  ): Promise<void> {
    const { logger, metrics, groupId, maxAttempts = 5, retryBaseDelayMs = 100, maxRedeliveryDelayMs = 5_000, isPoison = isPoisonMessage } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.apply(envelope, handler);
        metrics?.consumerMessages.inc({ consumer: groupId, outcome });
        return;
      } catch (error) {
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
  }

  private apply(envelope: IntegrationEnvelope, handler: IntegrationHandler): Promise<Outcome> {
    const { pool, schema, groupId } = this.options;
    return withTenantTransaction(pool, envelope.tenantId, async (client) => {
      const inserted = await client.query(`INSERT INTO ${schema}.inbox (consumer, event_id, tenant_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        groupId,
        envelope.id,
        envelope.tenantId,
      ]);
      if (inserted.rowCount === 0) return 'duplicate';
      await handler(envelope, client);
      return 'applied';
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
