import { Consumer, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { Pool, PoolClient } from 'pg';
import { IntegrationEnvelope, deadLetterTopic } from '@assay/contracts';
import { Logger, PlatformMetrics, runWithLogContext } from '@assay/observability';
import { withTenantTransaction } from '@assay/tenancy';
import { ContractViolationError, EventContractRegistry } from './contract-registry';
import { ensureTopics } from './ensure-topics';
import { isTransientFailure } from './transient-failure';
import { MessagePublisher } from './message-publisher';

/** Applies one integration event inside the transaction that also records it in the inbox. */
export type IntegrationHandler = (envelope: IntegrationEnvelope, client: PoolClient) => Promise<void>;

export interface IntegrationConsumerOptions {
  groupId: string;
  topics: string[];
  kafka: Kafka;
  /** Pool of the service's application role; each message runs under its envelope's tenant. */
  pool: Pool;
  schema: string;
  handlers: Record<string, IntegrationHandler>;
  contracts: EventContractRegistry;
  publisher: MessagePublisher;
  logger: Logger;
  metrics?: PlatformMetrics;
  maxAttempts?: number;
  retryBaseDelayMs?: number;
}

type Outcome = 'applied' | 'duplicate' | 'ignored';

/**
 * At-least-once delivery, exactly-once effect: the handler's writes and the inbox row keyed by
 * (consumer, event id) commit in one PostgreSQL transaction, so a redelivered message finds its
 * inbox row and changes nothing. A message that still fails after bounded retries goes to the
 * group's dead-letter topic with its error, and the partition moves on; a failure of the
 * infrastructure (database down, pool exhausted) is retried by redelivery instead.
 */
export class IntegrationConsumer {
  private consumer: Consumer | undefined;
  private readonly dlt: string;

  constructor(private readonly options: IntegrationConsumerOptions) {
    this.dlt = deadLetterTopic(options.groupId);
  }

  get deadLetterTopic(): string {
    return this.dlt;
  }

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 20_000,
      heartbeatInterval: 2_000,
      allowAutoTopicCreation: false,
      retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 5_000, restartOnFailure: async () => true },
    });
    this.consumer = consumer;
    await ensureTopics(kafka, [{ topic: this.dlt, partitions: 1 }]);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({ autoCommit: true, partitionsConsumedConcurrently: 3, eachMessage: (p) => this.onMessage(p) });
  }

  /** Waits for in-flight handlers, commits offsets, leaves the group. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /** Messages on the subscribed topics not yet committed by this group. */
  async lag(): Promise<number> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      let total = 0;
      for (const topic of this.options.topics) {
        const [ends, committed] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId: this.options.groupId, topics: [topic] }),
        ]);
        const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
        for (const end of ends) {
          const at = done.get(end.partition) ?? -1;
          total += Number(end.high) - (at < 0 ? Number(end.low) : at);
        }
      }
      return total;
    } finally {
      await admin.disconnect();
    }
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const { logger, metrics, groupId, maxAttempts = 5, retryBaseDelayMs = 100 } = this.options;
    let envelope: IntegrationEnvelope;
    try {
      envelope = this.options.contracts.validate(JSON.parse(message.value?.toString() ?? ''));
    } catch (error) {
      // Unparseable or off-contract: retrying cannot help.
      await this.deadLetter(topic, partition, message, error, 1);
      return;
    }
    const handler = this.options.handlers[envelope.type];
    if (!handler) return;
    await runWithLogContext({ tenantId: envelope.tenantId, correlationId: envelope.correlationId }, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const outcome = await this.apply(envelope, handler);
          metrics?.consumerMessages.inc({ consumer: groupId, outcome });
          return;
        } catch (error) {
          // An outage is not the message's fault: leave the offset uncommitted and let kafkajs
          // deliver it again, instead of dead-lettering a valid event (and skipping its effect).
          if (isTransientFailure(error)) throw error;
          if (attempt >= maxAttempts) {
            await this.deadLetter(topic, partition, message, error, attempt);
            return;
          }
          logger.warn({ err: error, eventId: envelope.id, attempt }, 'handler failed; retrying');
          await new Promise((r) => setTimeout(r, retryBaseDelayMs * 2 ** (attempt - 1)));
          await heartbeat().catch(() => undefined);
        }
      }
    });
  }

  private apply(envelope: IntegrationEnvelope, handler: IntegrationHandler): Promise<Outcome> {
    const { pool, schema, groupId } = this.options;
    return withTenantTransaction(pool, envelope.tenantId, async (client) => {
      const inserted = await client.query(
        `INSERT INTO ${schema}.inbox (consumer, event_id, tenant_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [groupId, envelope.id, envelope.tenantId],
      );
      if (inserted.rowCount === 0) return 'duplicate';
      await handler(envelope, client);
      return 'applied';
    });
  }

  /**
   * Keeps the original bytes, key and headers and adds why it failed. If the dead-letter publish
   * itself fails the error propagates, kafkajs does not commit the offset, and the message is
   * delivered again: nothing is dropped silently.
   */
  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, attempts: number) {
    const reason = error instanceof Error ? error.message : String(error);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
    await this.options.publisher.publish(this.dlt, [
      {
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        headers: {
          ...headers,
          'dlt-error': reason.slice(0, 2_000),
          'dlt-error-kind': error instanceof ContractViolationError || error instanceof SyntaxError ? 'contract' : 'handler',
          'dlt-attempts': String(attempts),
          'dlt-original-topic': topic,
          'dlt-original-partition': String(partition),
          'dlt-original-offset': message.offset,
          'dlt-consumer-group': this.options.groupId,
        },
      },
    ]);
    this.options.metrics?.consumerMessages.inc({ consumer: this.options.groupId, outcome: 'dead-lettered' });
    this.options.logger.error({ err: error, topic, partition, offset: message.offset }, 'message dead-lettered');
  }
}
