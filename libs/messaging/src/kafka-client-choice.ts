import { Kafka } from 'kafkajs';
import { KafkaMessagePublisher, MessagePublisher } from './message-publisher';
import { PlatformaticMessagePublisher } from './platformatic-message-publisher';

export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];

/** The client used when KAFKA_CLIENT is unset; why this one: README, "Kafka clients". */
export const DEFAULT_KAFKA_CLIENT: KafkaClientName = 'platformatic';

/** The client a run of the suite does not use by default: deploy/test.sh runs the messaging and fault specs on it too. */
export const otherKafkaClient = (client: KafkaClientName): KafkaClientName => KAFKA_CLIENTS.find((c) => c !== client)!;

/** KAFKA_CLIENT=kafkajs|platformatic; DEFAULT_KAFKA_CLIENT when unset. Anything else is a configuration error. */
export function kafkaClientFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaClientName {
  const value = env.KAFKA_CLIENT?.trim() || DEFAULT_KAFKA_CLIENT;
  if (!(KAFKA_CLIENTS as readonly string[]).includes(value)) {
    throw new Error(`KAFKA_CLIENT must be one of ${KAFKA_CLIENTS.join(', ')}; got "${value}"`);
  }
  return value as KafkaClientName;
}

export interface MessagePublisherChoice {
  /** The service's kafkajs client, used when the choice is kafkajs. */
  kafka: Kafka;
  brokers: string[];
  clientId: string;
  /** Defaults to KAFKA_CLIENT (kafkaClientFromEnv). */
  client?: KafkaClientName;
}

/** The producer side of the messaging port on the configured Kafka client; both keep a key's partition. */
export function createMessagePublisher({ kafka, brokers, clientId, client = kafkaClientFromEnv() }: MessagePublisherChoice): MessagePublisher {
  return client === 'platformatic' ? new PlatformaticMessagePublisher({ brokers, clientId }) : new KafkaMessagePublisher(kafka);
}
