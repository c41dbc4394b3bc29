import { BeforeApplicationShutdown, InjectionToken, OnApplicationBootstrap, Provider } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import {
  DEFAULT_INBOX_RETENTION_MS,
  EventContractRegistry,
  EventRelay,
  InboxRetention,
  IntegrationConsumer,
  IntegrationHandlers,
  IntegrationTranslator,
  MessagePublisher,
  PoisonClassifier,
  isPoisonMessage,
} from '@assay/messaging';
import { Logger, PlatformMetrics, every } from '@assay/observability';
import { TransactionRunner } from '@assay/postgres';
import { APP_POOL, CONTRACTS, KAFKA, LOGGER, METRICS, PUBLISHER, RELAY_POOL, SERVICE_CONFIG } from './tokens';
import type { ServiceConfig } from './platform.module';

/** Starts components once the application is up and stops them before pools and producers close. */
class Runner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly startFn: () => Promise<void> | void,
    private readonly stopFn: () => Promise<void>,
  ) {}
  async onApplicationBootstrap() {
    await this.startFn();
  }
  async beforeApplicationShutdown() {
    await this.stopFn();
  }
}

export interface EventRelaySpec {
  topic: string;
  translate: IntegrationTranslator;
  /** Names the relay's checkpoint, lock and metrics label; defaults to `<service>-to-<topic>`. */
  name?: string;
}

/**
 * An outbox relay of the service's event store, publishing translated events to `topic`. A service
 * may declare several (one per topic): each gets its own Nest token, checkpoint and `relay` label.
 */
export function eventRelayProvider({ topic, translate, name }: EventRelaySpec): Provider {
  return {
    provide: Symbol(`EVENT_RELAY:${name ?? topic}`),
    inject: [SERVICE_CONFIG, RELAY_POOL, PUBLISHER, CONTRACTS, LOGGER, METRICS],
    useFactory: (config: ServiceConfig, pool: Pool, publisher: MessagePublisher, contracts: EventContractRegistry, logger: Logger, metrics: PlatformMetrics) => {
      const relay = new EventRelay({ name: name ?? `${config.name}-to-${topic}`, schema: config.schema, pool, topic, translate, publisher, contracts, logger, metrics });
      return new Runner(
        () => relay.start(),
        () => relay.stop(),
      );
    },
  };
}

export interface IntegrationConsumerSpec {
  groupId: string;
  topics: string[];
  handlers: IntegrationHandlers;
  /** A service's own rule errors, added to the platform's poison classes. */
  isPoison?: PoisonClassifier;
  /**
   * Where each batch's transaction comes from, when not the application pool: a provider of the
   * service (`inject`) turned into a runner (e.g. an ORM's transactions, so its writes and the
   * inbox rows commit together).
   */
  transactions?: { inject: InjectionToken; from: (dependency: never) => TransactionRunner };
}

/** How long inbox rows are kept (ASSAY_INBOX_RETENTION_DAYS); the consumer raises it to cover its topics' retention. */
function inboxRetentionMs(): number {
  const days = Number(process.env.ASSAY_INBOX_RETENTION_DAYS);
  return Number.isFinite(days) && days > 0 ? days * 24 * 3_600_000 : DEFAULT_INBOX_RETENTION_MS;
}

/** Partitions a consumer applies at once (ASSAY_CONSUMER_PARTITIONS), each holding a pooled connection. */
function partitionConcurrency(): number | undefined {
  const n = Number(process.env.ASSAY_CONSUMER_PARTITIONS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Logs a failure at most once a minute: a sampler fails every few seconds during an outage. */
function throttledWarning(logger: Logger, message: string, fields: Record<string, unknown>): (error: unknown) => void {
  let last = 0;
  return (error) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    logger.warn({ ...fields, err: error }, message);
  };
}

/**
 * A consumer group applying integration events with an inbox in the service's schema, its lag
 * sampled for /metrics and its inbox pruned after the retention period. A service may declare
 * several groups; each gets its own Nest token, dead-letter topic and `consumer` label.
 */
export function integrationConsumerProvider({ groupId, topics, handlers, isPoison, transactions }: IntegrationConsumerSpec): Provider {
  return {
    provide: Symbol(`INTEGRATION_CONSUMER:${groupId}`),
    inject: [SERVICE_CONFIG, KAFKA, APP_POOL, RELAY_POOL, CONTRACTS, LOGGER, METRICS, ...(transactions ? [transactions.inject] : [])],
    useFactory: (config: ServiceConfig, kafka: Kafka, pool: Pool, maintenancePool: Pool, contracts: EventContractRegistry, logger: Logger, metrics: PlatformMetrics, transactionSource?: never) => {
      const classify: PoisonClassifier = isPoison ? (error) => isPoisonMessage(error) || isPoison(error) : isPoisonMessage;
      const consumer = new IntegrationConsumer({
        groupId, topics, kafka, pool, schema: config.schema, handlers, contracts, logger, metrics, isPoison: classify, partitionConcurrency: partitionConcurrency(),
        transactions: transactions && transactions.from(transactionSource as never),
      });
      const retention = new InboxRetention({ kafka, topics, pool: maintenancePool, schema: config.schema, consumer: groupId, retentionMs: inboxRetentionMs(), logger, metrics });
      const warnLagUnknown = throttledWarning(logger, 'consumer lag cannot be measured; its gauge is withdrawn until it can', { consumer: groupId });
      let lagSampler: { stop: () => Promise<void> } | undefined;
      return new Runner(
        async () => {
          await consumer.start();
          retention.start();
          lagSampler = every(5_000, async () => void metrics.consumerLag.set({ consumer: groupId }, await consumer.lag()), (error) => {
            metrics.consumerLag.remove({ consumer: groupId });
            warnLagUnknown(error);
          });
        },
        async () => {
          await Promise.all([lagSampler?.stop(), retention.stop()]);
          await consumer.stop();
        },
      );
    },
  };
}
