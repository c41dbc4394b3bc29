import { LRUCache } from 'lru-cache';
import { EVIDENCE_TYPE_IDS, FrameworkDefinition, InvalidDefinitionError, KNOWN_SCORING_MODELS, shippedFramework, validateDefinition } from '@assay/frameworks';
import { PoisonMessageError } from '@assay/messaging';
import { MigrationSource, Queryable, repoPath } from '@assay/postgres';

/** The tenant_frameworks table, in the schema of a service that consumes framework-imported events. */
export const learnedFrameworkMigrations: MigrationSource = { name: 'learned-frameworks', directory: repoPath('libs/learned-frameworks/sql') };

/** A published version never changes, so a definition read once serves every later answer. */
const learned = new LRUCache<string, FrameworkDefinition>({ max: 2_000 });
const key = (schema: string, tenantId: string, id: string, version: string) => `${schema}\u0000${tenantId}\u0000${id}\u0000${version}`;

/**
 * The message lacks data the consumer needs (its framework-imported event was never seen): poison, so
 * it goes to the dead-letter topic after its attempts instead of holding up its partition, and can
 * be replayed from there once the definition is known.
 */
export class UnknownFrameworkError extends PoisonMessageError {
  constructor(id: string, version: string) {
    super(`framework ${id} ${version} is neither shipped nor imported by this tenant (no assessment.framework-imported seen)`);
    this.name = 'UnknownFrameworkError';
  }
}

/** The definition behind an assessment: shipped, or learned from the tenant's framework-imported event. */
export async function frameworkFor(client: Queryable, tenantId: string, id: string, version: string, schema: string): Promise<FrameworkDefinition> {
  const shipped = shippedFramework(id, version);
  if (shipped) return shipped;
  const cached = learned.get(key(schema, tenantId, id, version));
  if (cached) return cached;
  // Row-level security: the consumer's transaction is set to the event's tenant.
  const { rows } = await client.query<{ definition: FrameworkDefinition }>(
    `SELECT definition FROM ${schema}.tenant_frameworks WHERE framework_id = $1 AND version = $2`,
    [id, version],
  );
  if (!rows[0]) throw new UnknownFrameworkError(id, version);
  learned.set(key(schema, tenantId, id, version), rows[0].definition);
  return rows[0].definition;
}

/** Validated as on import, so a definition a consumer cannot use is refused at the edge, not mid-answer. */
export async function learnFramework(client: Queryable, tenantId: string, candidate: unknown, importedAt: string, schema: string): Promise<void> {
  let definition: FrameworkDefinition;
  try {
    definition = validateDefinition(candidate, { knownScoringModels: [...KNOWN_SCORING_MODELS], evidenceTypes: [...EVIDENCE_TYPE_IDS] });
  } catch (error) {
    if (error instanceof InvalidDefinitionError) throw new PoisonMessageError(error.message, { cause: error });
    throw error;
  }
  await client.query(
    `INSERT INTO ${schema}.tenant_frameworks (tenant_id, framework_id, version, definition, imported_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [tenantId, definition.id, definition.version, JSON.stringify(definition), importedAt],
  );
}
