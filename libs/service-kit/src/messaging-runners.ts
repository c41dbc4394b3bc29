import { BeforeApplicationShutdown, OnApplicationBootstrap, Provider } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { EventContractRegistry, EventRelay, IntegrationConsumer, IntegrationHandler, IntegrationTranslator, MessagePublisher } from '@assay/messaging';
import { Logger, PlatformMetrics } from '@assay/observability';
import { APP_POOL, CONTRACTS, KAFKA, LOGGER, METRICS, PUBLISHER, RELAY_POOL, SERVICE_CONFIG } from './tokens';
import type { ServiceConfig } from './platform.module';

/** Starts a component once the application is up and stops it before pools and producers close. */
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

export const EVENT_RELAY = Symbol('EVENT_RELAY');
export const INTEGRATION_CONSUMER = Symbol('INTEGRATION_CONSUMER');

/** The outbox relay of the service's event store, publishing translated events to `topic`. */
export function eventRelayProvider(topic: string, translate: IntegrationTranslator): Provider {
  return {
    provide: EVENT_RELAY,
    inject: [SERVICE_CONFIG, RELAY_POOL, PUBLISHER, CONTRACTS, LOGGER, METRICS],
    useFactory: (config: ServiceConfig, pool: Pool, publisher: MessagePublisher, contracts: EventContractRegistry, logger: Logger, metrics: PlatformMetrics) => {
      const relay = new EventRelay({ name: `${config.name}-to-kafka`, schema: config.schema, pool, topic, translate, publisher, contracts, logger, metrics });
      metrics.gaugeFromProbe('assay_relay_backlog_events', 'Stored events not yet published', () => relay.backlog());
      return new Runner(() => relay.start(), () => relay.stop());
    },
  };
}

/** A consumer group applying integration events with an inbox in the service's schema. */
export function integrationConsumerProvider(groupId: string, topics: string[], handlers: Record<string, IntegrationHandler>): Provider {
  return {
    provide: INTEGRATION_CONSUMER,
    inject: [SERVICE_CONFIG, KAFKA, APP_POOL, PUBLISHER, CONTRACTS, LOGGER, METRICS],
    useFactory: async (config: ServiceConfig, kafka: Kafka, pool: Pool, publisher: MessagePublisher, contracts: EventContractRegistry, logger: Logger, metrics: PlatformMetrics) => {
      const consumer = new IntegrationConsumer({ groupId, topics, kafka, pool, schema: config.schema, handlers, contracts, publisher, logger, metrics });
      metrics.gaugeFromProbe('assay_consumer_lag_messages', 'Messages on subscribed topics not yet committed by the group', () => consumer.lag());
      return new Runner(() => consumer.start(), () => consumer.stop());
    },
  };
}
