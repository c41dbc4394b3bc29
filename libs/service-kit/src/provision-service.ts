import { deadLetterTopic } from '@assay/contracts';
import { brokersFromEnv, createKafka, ensureTopics } from '@assay/messaging';
import { createLogger } from '@assay/observability';
import { ServiceRoles, createPool, migrate, provisionServiceSchema } from '@assay/postgres';
import type { ServiceConfig } from './platform.module';

export function adminDatabaseUrl(): string {
  return process.env.ASSAY_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/assay';
}

/**
 * Everything a service needs before it serves: schema, roles, migrations, topics (with the
 * dead-letter topics of its consumer groups). Idempotent. Each service runs it at start;
 * deploy/infra-up.sh runs it ahead (services/<name>/src/provision.ts) so the platform is ready.
 */
export async function provisionService(config: ServiceConfig): Promise<ServiceRoles> {
  const admin = createPool({ connectionString: adminDatabaseUrl(), applicationName: `${config.name}-provision`, max: 2 });
  try {
    const roles = await provisionServiceSchema(admin, config.schema);
    await migrate(admin, roles, config.migrations);
    await config.afterMigrations?.(adminDatabaseUrl(), roles);
    const dlt = (config.consumerGroups ?? []).map((group) => ({ topic: deadLetterTopic(group), partitions: 1 }));
    await ensureTopics(createKafka(brokersFromEnv(), `assay-${config.name}-provision`, createLogger(config.name, 'warn')), [...config.topics, ...dlt]);
    return roles;
  } finally {
    await admin.end();
  }
}

/** Entry point of services/<name>/src/provision.ts. */
export function runProvisioning(config: ServiceConfig): void {
  provisionService(config)
    .then((roles) => console.error(`[provision] ${config.name}: schema ${roles.schema}, roles ${roles.owner}/${roles.app}/${roles.relay}, topics ready`))
    .catch((error) => {
      console.error(`[provision] ${config.name} failed: ${error.message}`);
      process.exit(1);
    });
}
