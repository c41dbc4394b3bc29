import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { PostgresEventStore } from '@assay/event-store';
import { EventContractRegistry, IntegrationHandler, KafkaMessagePublisher } from '@assay/messaging';
import { PlatformMetrics, createLogger } from '@assay/observability';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, addEffectsTable, answerEnvelope, answerEvent, createTestSchema, createTestTopic, eventually, testKafka } from '@assay/testing';
import { eventRelayProvider, integrationConsumerProvider } from './messaging-runners';
import { APP_POOL, CONTRACTS, KAFKA, LOGGER, METRICS, PUBLISHER, RELAY_POOL, SERVICE_CONFIG } from './tokens';

// A service will consume several topics (tenancy and evidence events reach every service) and may
// relay to several: the runners must be plural, each with its own token and metrics label.
describe('Several relays and consumers in one service (real PostgreSQL and Kafka)', () => {
  let db: TestSchema;
  let kafka: Kafka;
  let publisher: KafkaMessagePublisher;
  let app: INestApplicationContext;
  let metrics: PlatformMetrics;
  const store = () => new PostgresEventStore(db.roles.schema);
  const [relayA, relayB] = [`relay-a-${randomUUID()}`, `relay-b-${randomUUID()}`];
  const [groupA, groupB] = [`g-a-${randomUUID()}`, `g-b-${randomUUID()}`];

  beforeAll(async () => {
    db = await createTestSchema('runners');
    await addEffectsTable(db, 'event_id uuid NOT NULL, consumer text NOT NULL');
    kafka = testKafka();
    publisher = new KafkaMessagePublisher(kafka);
    metrics = new PlatformMetrics('runners-test');
    const [topicA, topicB] = [await createTestTopic(kafka, 'runner-a'), await createTestTopic(kafka, 'runner-b')];
    const effect =
      (consumer: string): IntegrationHandler =>
      async (e, client) =>
        void (await client.query(`INSERT INTO ${db.roles.schema}.effects VALUES ($1, $2)`, [e.id, consumer]));
    class RunnersTestModule {}
    app = await NestFactory.createApplicationContext(
      {
        module: RunnersTestModule,
        providers: [
          { provide: SERVICE_CONFIG, useValue: { name: 'runners-test', schema: db.roles.schema, port: 0, openapi: '', migrations: [], topics: [] } },
          { provide: APP_POOL, useValue: db.app },
          { provide: RELAY_POOL, useValue: db.relay },
          { provide: KAFKA, useValue: kafka },
          { provide: PUBLISHER, useValue: publisher },
          { provide: CONTRACTS, useValue: new EventContractRegistry() },
          { provide: LOGGER, useValue: createLogger('runners-test', 'silent') },
          { provide: METRICS, useValue: metrics },
          eventRelayProvider({ topic: topicA, translate: answerEnvelope, name: relayA }),
          eventRelayProvider({ topic: topicB, translate: answerEnvelope, name: relayB }),
          integrationConsumerProvider({ groupId: groupA, topics: [topicA], handlers: { 'assessment.answer-recorded': { 1: effect(groupA) } } }),
          integrationConsumerProvider({ groupId: groupB, topics: [topicB], handlers: { 'assessment.answer-recorded': { 1: effect(groupB) } } }),
        ],
      },
      { logger: false },
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await publisher.close();
    await db.drop();
  });

  it('runs every relay and consumer it declares, each under its own metrics label', async () => {
    const tenant = randomUUID();
    await withTenantTransaction(db.app, tenant, (c) => store().appendToStream(c, tenant, `a-${randomUUID()}`, [answerEvent(randomUUID(), 'GOV-SM-A1', 2)], 'no_stream'));
    await eventually(async () => {
      const { rows } = await db.admin.query(`SELECT consumer, count(*)::int AS n FROM ${db.roles.schema}.effects GROUP BY consumer ORDER BY consumer`);
      expect(rows).toEqual([
        { consumer: groupA, n: 1 },
        { consumer: groupB, n: 1 },
      ]);
    }, 60_000, 250);
    const text = await metrics.registry.metrics();
    for (const relay of [relayA, relayB]) expect(text).toMatch(new RegExp(`assay_relay_published_total\\{relay="${relay}"[^}]*\\} 1`));
    for (const consumer of [groupA, groupB]) {
      expect(text).toMatch(new RegExp(`assay_consumer_messages_total\\{consumer="${consumer}",outcome="applied"[^}]*\\} 1`));
      await eventually(async () => expect(await metrics.registry.metrics()).toMatch(new RegExp(`assay_consumer_lag_messages\\{consumer="${consumer}"[^}]*\\} \\d+`)), 15_000, 250);
    }
    await eventually(async () => expect(await metrics.registry.metrics()).toMatch(new RegExp(`assay_relay_backlog_events\\{relay="${relayB}"[^}]*\\} 0`)), 15_000, 250);
  });

  it('serves backlog and lag from the last sample: a scrape opens no broker connection and runs no query', async () => {
    await eventually(async () => expect(await metrics.registry.metrics()).toMatch(/assay_relay_oldest_unpublished_age_seconds\{relay=/), 15_000, 250);
    // Stop the runners' own work so that only scrapes could touch the database or the broker.
    await app.close();
    const queries = jest.spyOn(db.relay, 'query');
    const appQueries = jest.spyOn(db.app, 'query');
    const admins = jest.spyOn(kafka, 'admin');
    for (let i = 0; i < 10; i++) expect(await metrics.registry.metrics()).toMatch(/assay_consumer_lag_messages\{consumer=/);
    expect(queries).not.toHaveBeenCalled();
    expect(appQueries).not.toHaveBeenCalled();
    expect(admins).not.toHaveBeenCalled();
    app = undefined as unknown as INestApplicationContext;
  });
});
