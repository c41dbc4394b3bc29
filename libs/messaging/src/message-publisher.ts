import { IHeaders, Kafka, Producer } from 'kafkajs';
import { produceRequests } from './produce-requests';

export interface OutboundMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** The messaging port producers depend on. */
export interface MessagePublisher {
  /** Resolves only once the broker acknowledged every message (acks=all). */
  publish(topic: string, messages: OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Idempotent kafkajs producer: acks from all in-sync replicas, one request in flight so a retried
 * batch cannot overtake the next one and reorder a tenant's events. A producer that failed is
 * replaced on the next publish: after a broker restart kafkajs can keep a broken connection state.
 * A large publish goes as several requests of bounded size, in order (produceRequests).
 */
export class KafkaMessagePublisher implements MessagePublisher {
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;

  constructor(private readonly kafka: Kafka) {}

  async publish(topic: string, messages: OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connected();
    try {
      for (const request of produceRequests(messages)) {
        await producer.send({
          topic,
          acks: -1,
          messages: request.map((m) => ({ key: m.key, value: m.value, headers: m.headers as IHeaders })),
        });
      }
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: 5, initialRetryTime: 250, maxRetryTime: 3_000 },
      });
      try {
        await producer.connect();
        this.producer = producer;
        return producer;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
