import { Kafka, logLevel } from 'kafkajs';
import { Logger } from '@assay/observability';

/**
 * kafkajs is unmaintained since 2023 (DESIGN.md §6), so it is used only inside this library:
 * services see MessagePublisher, EventRelay and IntegrationConsumer, never kafkajs types.
 */
export function createKafka(brokers: string[], clientId: string, logger: Logger): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 250, maxRetryTime: 5_000, retries: 12 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...extra } = log;
        const method = level <= logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'debug';
        logger[method]({ kafka: extra }, `kafkajs: ${message}`);
      },
  });
}

export function brokersFromEnv(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
}
