import { LRUCache } from 'lru-cache';
import { Pool } from 'pg';
import { FrameworkDefinition, shippedFramework } from '@assay/frameworks';
import { withTenantTransaction } from '@assay/tenancy';
import { FrameworkLookup } from '../domain/assessment.commands';
import { tenantFramework } from './tenant-frameworks';

/**
 * The framework versions this process has seen per tenant, for the decider's synchronous lookup.
 * A published version never changes (one stream per version), so an entry never goes stale; only
 * a version imported through another process can be missing, and the decider then says so
 * (FrameworkNotLoaded) and the command runs again after `load`.
 */
export class AssessmentFrameworks {
  private readonly imported = new LRUCache<string, FrameworkDefinition>({ max: 2_000 });

  lookupFor(tenantId: string): FrameworkLookup {
    return (id, version) => shippedFramework(id, version) ?? this.imported.get(key(tenantId, id, version));
  }

  remember(tenantId: string, definition: FrameworkDefinition): void {
    this.imported.set(key(tenantId, definition.id, definition.version), definition);
  }

  /** Reads the tenant's version under row-level security; false when the tenant has no such version. */
  async load(pool: Pool, tenantId: string, id: string, version: string): Promise<boolean> {
    if (shippedFramework(id, version) || this.imported.has(key(tenantId, id, version))) return true;
    const definition = await withTenantTransaction(pool, tenantId, (client) => tenantFramework(client, id, version));
    if (definition) this.remember(tenantId, definition);
    return definition !== undefined;
  }
}

const key = (tenantId: string, id: string, version: string) => `${tenantId}\u0000${id}\u0000${version}`;

/** One per process, shared by every command handler. */
export const assessmentFrameworks = new AssessmentFrameworks();
