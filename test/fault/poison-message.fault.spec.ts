import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { AnswerRecordedV1, deadLetterTopic } from '@assay/contracts';
import { EventContractRegistry, IntegrationConsumer, KafkaMessagePublisher, PoisonMessageError, ensureTopics } from '@assay/messaging';
import { createLogger } from '@assay/observability';
import { TestSchema, addEffectsTable, answerEnvelope, answerEvent, collectTopic, createTestSchema, createTestTopic, eventually, testKafka } from '@assay/testing';

// DESIGN.md §4 rule 3: a message that keeps failing goes to the dead-letter topic with its error
// after bounded retries, and stops nothing else on its partition. Only poison gets there: a handler's
// own rule error (PoisonMessageError) or a message that cannot be read; outages are redelivered.
describe('Poison messages', () => {
  let db: TestSchema;
  let kafka: Kafka;
  let publisher: KafkaMessagePublisher;

  beforeAll(async () => {
    db = await createTestSchema('poison');
    await addEffectsTable(db, 'event_id uuid NOT NULL, question_id text NOT NULL');
    kafka = testKafka();
    publisher = new KafkaMessagePublisher(kafka);
  });
  afterAll(async () => {
    await publisher.close();
    await db.drop();
  });

  it('dead-letters unparseable and always-failing messages with their error while the rest flows', async () => {
    const topic = await createTestTopic(kafka, 'poison', 1);
    const tenant = randomUUID();
    const message = (questionId: string) => {
      const [envelope] = answerEnvelope({ ...answerEvent(randomUUID(), questionId, 1), globalPosition: 1n, transactionId: 1n, tenantId: tenant, streamId: 's', streamVersion: 1, schemaVersion: 1, metadata: {} });
      return { key: tenant, value: JSON.stringify(envelope) };
    };
    // One partition, so the good messages after the poison ones can only flow if they are skipped.
    await publisher.publish(topic, [
      message('GOV-SM-A1'),
      { key: tenant, value: '{"this is": not json' },
      message('GOV-SM-A2'),
      message('POISON-HANDLER-A1'),
      message('GOV-SM-A3'),
    ]);

    let poisonAttempts = 0;
    const groupId = `g-${randomUUID()}`;
    const consumer = new IntegrationConsumer({
      groupId,
      topics: [topic],
      kafka,
      pool: db.app,
      schema: db.roles.schema,
      contracts: new EventContractRegistry(),
      logger: createLogger('test', 'silent'),
      maxAttempts: 3,
      retryBaseDelayMs: 20,
      handlers: {
        'assessment.answer-recorded': {
          1: async (e, client) => {
            const { questionId } = e.data as AnswerRecordedV1;
            await client.query(`INSERT INTO ${db.roles.schema}.effects VALUES ($1, $2)`, [e.id, questionId]);
            if (questionId.startsWith('POISON')) {
              poisonAttempts++;
              throw new PoisonMessageError('scoring model rejected the answer');
            }
          },
        },
      },
    });
    await ensureTopics(kafka, [{ topic: deadLetterTopic(groupId), partitions: 1 }]);
    const dlt = await collectTopic(kafka, deadLetterTopic(groupId));
    await consumer.start();
    try {
      await eventually(async () => {
        const { rows } = await db.admin.query(`SELECT question_id FROM ${db.roles.schema}.effects ORDER BY question_id`);
        // The failing handler's writes were rolled back each time; the good ones committed once.
        expect(rows.map((r) => r.question_id)).toEqual(['GOV-SM-A1', 'GOV-SM-A2', 'GOV-SM-A3']);
      }, 60_000, 200);
      await eventually(() => expect(dlt.messages).toHaveLength(2), 30_000, 200);
      expect(poisonAttempts).toBe(3);

      const byKind = Object.fromEntries(dlt.messages.map(({ message }) => [message.headers!['dlt-error-kind']!.toString(), message]));
      expect(byKind.unparseable.value!.toString()).toBe('{"this is": not json');
      expect(byKind.unparseable.headers!['dlt-attempts']!.toString()).toBe('1');
      expect(byKind.handler.headers!['dlt-error']!.toString()).toBe('scoring model rejected the answer');
      expect(byKind.handler.headers!['dlt-attempts']!.toString()).toBe('3');
      expect(byKind.handler.headers!['dlt-original-topic']!.toString()).toBe(topic);
      expect(JSON.parse(byKind.handler.value!.toString()).data.questionId).toBe('POISON-HANDLER-A1');
    } finally {
      await consumer.stop();
      await dlt.stop();
    }
  });
});
