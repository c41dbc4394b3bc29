import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { EventContractRegistry, MessagePublisher, TopicSpec, brokersFromEnv, createKafka, createMessagePublisher, kafkaClientFromEnv } from '@assay/messaging';
import { Logger, PlatformMetrics, createLogger } from '@assay/observability';
import { MigrationSource, ServiceRoles, createPool, repoPath, roleConnectionString } from '@assay/postgres';
import { adminDatabaseUrl, provisionService } from './provision-service';
import { AuthGuard } from './auth.guard';
import { HealthController, ReadinessCheck } from './health.controller';
import { OpenApiContract } from './openapi-contract';
import { ProblemDetailsFilter } from './problem-details.filter';
import { RequestContextMiddleware } from './request-context.middleware';
import { APP_POOL, CONTRACTS, KAFKA, LOGGER, METRICS, OPENAPI, PUBLISHER, READINESS_CHECKS, RELAY_POOL, SERVICE_CONFIG } from './tokens';

export interface ServiceConfig {
  name: string;
  schema: string;
  port: number;
  /** Path of the service's OpenAPI document, relative to the repository root. */
  openapi: string;
  migrations: MigrationSource[];
  topics: TopicSpec[];
  /** The service's Kafka consumer groups; provisioning creates each one's dead-letter topic. */
  consumerGroups?: string[];
  /** Migrations that are not SQL files (an ORM's), run after `migrations` as part of provisioning. */
  afterMigrations?: (adminUrl: string, roles: ServiceRoles) => Promise<void>;
}

const DATABASE_READY = Symbol('DATABASE_READY');


/**
 * Shared infrastructure of one service: logger, metrics, pools per role, Kafka, contracts, the
 * problem+json filter, authentication, health and metrics endpoints. Provisioning and migrations
 * run before any pool is handed out, so a service starts against its schema as the code expects it.
 */
@Global()
@Module({})
export class PlatformModule implements NestModule, OnApplicationShutdown {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: createLogger(config.name) },
        { provide: METRICS, useValue: new PlatformMetrics(config.name) },
        { provide: CONTRACTS, useValue: new EventContractRegistry() },
        { provide: OPENAPI, useValue: new OpenApiContract(repoPath(config.openapi)) },
        { provide: DATABASE_READY, useFactory: () => provisionService(config) },
        {
          provide: APP_POOL,
          inject: [DATABASE_READY],
          useFactory: (roles: { app: string }) =>
            createPool({ connectionString: roleConnectionString(adminDatabaseUrl(), roles.app), applicationName: config.name }),
        },
        {
          provide: RELAY_POOL,
          inject: [DATABASE_READY],
          // A leading relay holds two sessions (its lock and LISTEN, its page reads): room for two
          // relays and the sampling, checkpoint and expiry queries that come and go.
          useFactory: (roles: { relay: string }) =>
            createPool({ connectionString: roleConnectionString(adminDatabaseUrl(), roles.relay), applicationName: `${config.name}-relay`, max: 5 }),
        },
        {
          provide: KAFKA,
          // Topics exist already: DATABASE_READY's provisioning created them.
          inject: [LOGGER, DATABASE_READY],
          useFactory: (logger: Logger) => createKafka(brokersFromEnv(), `assay-${config.name}`, logger),
        },
        // The relays' producer on the client KAFKA_CLIENT names (DEFAULT_KAFKA_CLIENT unless set); both keep a tenant's partition.
        {
          provide: PUBLISHER,
          inject: [KAFKA, LOGGER],
          useFactory: (kafka: Kafka, logger: Logger) => {
            const client = kafkaClientFromEnv();
            logger.info({ kafkaClient: client }, `producing and consuming with ${client}`);
            return createMessagePublisher({ kafka, brokers: brokersFromEnv(), clientId: `assay-${config.name}`, client });
          },
        },
        {
          provide: READINESS_CHECKS,
          inject: [APP_POOL, KAFKA],
          useFactory: (pool: Pool, kafka: Kafka): ReadinessCheck[] => {
            const admin = kafka.admin();
            return [
              { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
              {
                name: 'kafka',
                check: async () => {
                  await admin.connect();
                  await admin.describeCluster();
                },
              },
            ];
          },
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [SERVICE_CONFIG, LOGGER, METRICS, CONTRACTS, OPENAPI, APP_POOL, RELAY_POOL, KAFKA, PUBLISHER],
    };
  }

  constructor(
    @Inject(APP_POOL) private readonly appPool: Pool,
    @Inject(RELAY_POOL) private readonly relayPool: Pool,
    @Inject(PUBLISHER) private readonly publisher: MessagePublisher,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('{*splat}');
  }

  /** Runs after the services' own shutdown hooks (consumers, relays) have stopped using them. */
  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close();
    await Promise.all([this.appPool.end(), this.relayPool.end()]);
  }
}
