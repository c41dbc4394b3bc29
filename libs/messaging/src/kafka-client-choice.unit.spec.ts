import { Kafka } from 'kafkajs';
import { DEFAULT_KAFKA_CLIENT, createMessagePublisher, kafkaClientFromEnv, otherKafkaClient } from './kafka-client-choice';
import { KafkaMessagePublisher } from './message-publisher';
import { PlatformaticMessagePublisher } from './platformatic-message-publisher';

describe('Kafka client choice', () => {
  it('reads KAFKA_CLIENT, the default client when unset or empty', () => {
    expect(kafkaClientFromEnv({})).toBe(DEFAULT_KAFKA_CLIENT);
    expect(kafkaClientFromEnv({ KAFKA_CLIENT: '' })).toBe(DEFAULT_KAFKA_CLIENT);
    expect(kafkaClientFromEnv({ KAFKA_CLIENT: 'kafkajs' })).toBe('kafkajs');
    expect(kafkaClientFromEnv({ KAFKA_CLIENT: ' platformatic ' })).toBe('platformatic');
  });

  it('names the other client, which the suite runs the messaging and fault specs on as well', () => {
    expect(otherKafkaClient('kafkajs')).toBe('platformatic');
    expect(otherKafkaClient('platformatic')).toBe('kafkajs');
  });

  it('refuses an unknown client rather than falling back silently', () => {
    expect(() => kafkaClientFromEnv({ KAFKA_CLIENT: 'rdkafka' })).toThrow(/KAFKA_CLIENT must be one of kafkajs, platformatic/);
  });

  it('creates the publisher of the chosen client (neither connects before its first publish)', () => {
    const kafka = new Kafka({ clientId: 'choice', brokers: ['127.0.0.1:1'] });
    const choice = { kafka, brokers: ['127.0.0.1:1'], clientId: 'choice' };
    expect(createMessagePublisher({ ...choice, client: 'kafkajs' })).toBeInstanceOf(KafkaMessagePublisher);
    expect(createMessagePublisher({ ...choice, client: 'platformatic' })).toBeInstanceOf(PlatformaticMessagePublisher);
  });

  it('refuses retries that the idempotent platformatic producer would turn into "forever"', () => {
    expect(() => new PlatformaticMessagePublisher({ brokers: ['127.0.0.1:1'], clientId: 'choice', retries: 1 })).toThrow(/at least 2/);
  });
});
