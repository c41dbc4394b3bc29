import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@assay/contracts';
import { ConsumedMessage } from './batch-consumption';
import { KafkaMessagePublisher, MessagePublisher } from './message-publisher';
import { errorText } from './error-text';

export type DeadLetterKind = 'unparseable' | 'contract' | 'unsupported-version' | 'handler';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: ConsumedMessage;
  error: unknown;
  kind: DeadLetterKind;
  attempts: number;
}

/**
 * The dead-letter path of one consumer group, on a producer of its own: a relay's large batches or
 * a producer reset after a broker error elsewhere in the service never delay or break it.
 * Keeps the original bytes, key and headers and adds why the message failed.
 */
export class DeadLetterPublisher {
  readonly topic: string;

  constructor(
    readonly groupId: string,
    private readonly publisher: MessagePublisher,
  ) {
    this.topic = deadLetterTopic(groupId);
  }

  /** On the given publisher (the consumer's Kafka client), or a kafkajs one of its own. */
  static forGroup(kafka: Kafka, groupId: string, publisher: MessagePublisher = new KafkaMessagePublisher(kafka)): DeadLetterPublisher {
    return new DeadLetterPublisher(groupId, publisher);
  }

  /** Resolves once the broker has the dead letter; if it fails the caller must not commit the offset. */
  async send({ topic, partition, message, error, kind, attempts }: DeadLetter): Promise<void> {
    await this.publisher.publish(this.topic, [
      {
        key: message.key ?? '',
        value: message.value,
        headers: {
          ...message.headers,
          'dlt-error': errorText(error),
          'dlt-error-kind': kind,
          'dlt-attempts': String(attempts),
          'dlt-original-topic': topic,
          'dlt-original-partition': String(partition),
          'dlt-original-offset': message.offset,
          'dlt-consumer-group': this.groupId,
          'dlt-at': new Date().toISOString(),
        },
      },
    ]);
  }

  close(): Promise<void> {
    return this.publisher.close();
  }
}
