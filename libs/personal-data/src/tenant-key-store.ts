import { KeyObject, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Pool } from 'pg';
import { Queryable, transactionScope } from '@assay/postgres';
import { withTenantTransaction } from '@assay/tenancy';
import { open, seal } from './field-cipher';
import { masterKey } from './master-key';

export interface TenantKey {
  keyId: string;
  /**
   * A key object, not bytes: a cipher built from bytes builds a key object each time, which was
   * two thirds of the cost of sealing a field (30 µs against 11 µs). It holds its own copy of the
   * key, released with the cache entry; the unwrapped bytes are zeroed at once (keyObjectOf).
   */
  key: KeyObject;
}

/**
 * The key object of unwrapped key bytes, which are then zeroed: small buffers come from Node's
 * shared pool, where the bytes would otherwise stay until overwritten.
 */
function keyObjectOf(bytes: Buffer): KeyObject {
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

/** The tenant's key was destroyed (erasure): nothing new is written for it, and old values read as erased. */
export class TenantErasedError extends Error {
  constructor(tenantId: string) {
    super(`tenant ${tenantId} was erased: its key is destroyed`);
    this.name = 'TenantErasedError';
  }
}

/**
 * Tenant data keys in one service's schema (migration personal-data/001), unwrapped with the master
 * key and kept in memory for a short while: a key destroyed elsewhere stops being used within the TTL.
 */
export class TenantKeyStore {
  private readonly keys: LRUCache<string, TenantKey | 'destroyed'>;
  private readonly master: Buffer;

  constructor(private readonly schema: string, options: { master?: Buffer; ttlMs?: number } = {}) {
    this.master = options.master ?? masterKey();
    this.keys = new LRUCache({ max: 10_000, ttl: options.ttlMs ?? 60_000 });
  }

  /** The tenant's key, created on first use. `source` is a client in the tenant's transaction, or a pool. */
  async keyFor(source: Queryable | Pool, tenantId: string): Promise<TenantKey> {
    const known = this.keys.get(tenantId) ?? (await this.read(source, tenantId, true));
    if (known === 'destroyed') throw new TenantErasedError(tenantId);
    if (!known) throw new Error(`no key row for tenant ${tenantId} after creating it`);
    return known;
  }

  /** The tenant's key if it still exists; 'destroyed' after erasure. Never creates one. */
  async existingKey(source: Queryable | Pool, tenantId: string): Promise<TenantKey | 'destroyed' | undefined> {
    return this.keys.get(tenantId) ?? (await this.read(source, tenantId, false));
  }

  /** Crypto-shredding: run by an operator as the schema owner. Every personal value of the tenant becomes unreadable. */
  async destroy(owner: Queryable, tenantId: string): Promise<void> {
    await owner.query(`UPDATE ${this.schema}.tenant_keys SET wrapped_key = NULL, destroyed_at = now() WHERE tenant_id = $1 AND destroyed_at IS NULL`, [tenantId]);
    this.keys.set(tenantId, 'destroyed');
  }

  private async read(source: Queryable | Pool, tenantId: string, create: boolean): Promise<TenantKey | 'destroyed' | undefined> {
    const work = async (client: Queryable) => {
      if (create) {
        const keyId = randomUUID();
        await client.query(`INSERT INTO ${this.schema}.tenant_keys (tenant_id, key_id, wrapped_key) VALUES ($1, $2, $3) ON CONFLICT (tenant_id) DO NOTHING`, [
          tenantId,
          keyId,
          Buffer.from(seal(this.master, 'master', tenantId, randomBytes(32))),
        ]);
      }
      const { rows } = await client.query<{ key_id: string; wrapped_key: Buffer | null }>(`SELECT key_id, wrapped_key FROM ${this.schema}.tenant_keys WHERE tenant_id = $1`, [tenantId]);
      return rows[0];
    };
    const row = source instanceof Pool ? await withTenantTransaction(source, tenantId, work) : await work(source);
    if (!row) return undefined;
    const value: TenantKey | 'destroyed' = row.wrapped_key ? { keyId: row.key_id, key: keyObjectOf(open(this.master, tenantId, row.wrapped_key.toString())) } : 'destroyed';
    // Inside the caller's transaction the row (perhaps just created) exists only once it commits:
    // a key cached before that and rolled back would seal values no other process could open.
    const scope = source instanceof Pool ? undefined : transactionScope(source);
    if (scope) scope.afterCommit(() => this.keys.set(tenantId, value));
    else this.keys.set(tenantId, value);
    return value;
  }
}
