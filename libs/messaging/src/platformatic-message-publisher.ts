import type * as PlatformaticKafka from '@platformatic/kafka';
import { kafkajsCompatiblePartitioner } from './kafkajs-compatible-partitioner';
import { MessagePublisher, OutboundMessage } from './message-publisher';
import { produceRequests } from './produce-requests';

type StringProducer = PlatformaticKafka.Producer<string, string, string, string>;

/**
 * `@platformatic/kafka` is published as ES modules only. Node 24 loads those through require(), so
 * production code needs nothing special, but it is required here, when a publisher is first used,
 * rather than imported at the top: importing @assay/messaging must not load it for services that
 * run kafkajs, and Jest's CommonJS runtime cannot load ES modules without --experimental-vm-modules
 * (the specs that use it load it through Node's own loader; see the platformatic specs).
 */
export function loadPlatformaticKafka(): typeof PlatformaticKafka {
  return require('@platformatic/kafka') as typeof PlatformaticKafka;
}

export interface PlatformaticPublisherOptions {
  brokers: string[];
  clientId: string;
  /**
   * Retries of a failed request within one publish. At least 2: the library turns 0 or 1 into
   * "retry forever" for an idempotent producer, and a publish must fail for its caller to see it.
   */
  retries?: number;
}

/**
 * MessagePublisher on `@platformatic/kafka`, with KafkaMessagePublisher's guarantees:
 * - resolves only once all in-sync replicas acknowledged (acks = -1);
 * - idempotent, and at most one request in flight per broker connection (the library forces
 *   maxInflights = 1 for an idempotent producer; it is set here too, to say so), so a retried batch
 *   cannot overtake the next one and reorder a tenant's events;
 * - a producer that failed (or was closed) is replaced on the next publish;
 * - topics are never created by producing to them;
 * - keys, values and header keys and values are sent as their UTF-8 bytes, exactly what kafkajs
 *   sends for strings, so kafkajs consumers read identical bytes;
 * - a key lands on the partition kafkajs' default partitioner chooses (kafkajsCompatiblePartitioner);
 * - a large publish goes as several requests of bounded size, in order (produceRequests).
 * The producer connects lazily, on its first send.
 */
export class PlatformaticMessagePublisher implements MessagePublisher {
  private producer: StringProducer | undefined;

  constructor(private readonly options: PlatformaticPublisherOptions) {
    if (options.retries !== undefined && options.retries < 2) throw new Error('PlatformaticMessagePublisher: retries must be at least 2');
  }

  async publish(topic: string, messages: OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = this.current();
    try {
      for (const request of produceRequests(messages)) {
        await producer.send({
          acks: -1,
          messages: request.map((m) => ({ topic, key: m.key, value: m.value, headers: m.headers })),
        });
      }
    } catch (error) {
      await this.discard(producer);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.producer) await this.discard(this.producer);
  }

  private current(): StringProducer {
    if (this.producer && !this.producer.closed) return this.producer;
    const { Producer, stringSerializers, murmur2 } = loadPlatformaticKafka();
    const { brokers, clientId, retries = 5 } = this.options;
    this.producer = new Producer<string, string, string, string>({
      clientId,
      bootstrapBrokers: brokers,
      idempotent: true,
      acks: -1,
      maxInflights: 1,
      autocreateTopics: false,
      serializers: stringSerializers,
      partitioner: kafkajsCompatiblePartitioner(murmur2),
      connectTimeout: 3_000,
      requestTimeout: 10_000,
      timeout: 10_000,
      retries,
      // 250 ms doubling up to 3 s, as KafkaMessagePublisher's kafkajs retry settings.
      retryDelay: (_client, _operation, attempt) => Math.min(250 * 2 ** (attempt - 1), 3_000),
    });
    return this.producer;
  }

  /** Drops a failed producer; one that a concurrent publish already replaced is left alone. */
  private async discard(producer: StringProducer): Promise<void> {
    if (this.producer === producer) this.producer = undefined;
    await producer.close().catch(() => undefined);
  }
}
