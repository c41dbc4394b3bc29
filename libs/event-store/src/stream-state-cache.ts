import { LRUCache } from 'lru-cache';
import { Queryable, transactionScope } from '@assay/postgres';

export interface CachedStream<State> {
  state: State;
  version: number;
}

/**
 * A command's state without replaying its stream (issue "Spine throughput and latency", point 3):
 * the decided state of recently used streams, by tenant and stream, with the version it belongs to.
 *
 * Why a stale entry is safe: the state only ever feeds an append that expects the entry's version,
 * and the store's compare-and-set refuses it if the stream moved on (another instance wrote), so
 * the caller forgets the entry and retries from the database.
 *
 * Why an entry is never ahead of the database: what a transaction wrote is kept in the transaction's
 * scope and enters the cache only after COMMIT. A rolled-back append cached at once would leave
 * state at version n that the stream never had; a later, different event n would then pass the
 * version check and the decider would run on phantom state.
 *
 * States are frozen when cached: the cache shares them between commands, so an evolve that
 * mutated its input would corrupt them; freezing turns that bug into an immediate TypeError.
 */
export class StreamStateCache<State> {
  private readonly committed: LRUCache<string, CachedStream<State>>;

  constructor(maxStreams = 10_000) {
    this.committed = new LRUCache({ max: maxStreams });
  }

  /** The state as this transaction sees it: its own writes first, then what committed. */
  get(client: Queryable | undefined, tenantId: string, streamId: string): CachedStream<State> | undefined {
    const key = keyOf(tenantId, streamId);
    return (client && this.pending(client)?.get(key)) || this.committed.get(key);
  }

  /**
   * Records the state at `version` as seen by the transaction `client` is in; it becomes everyone's
   * once the transaction commits. Outside a transaction of withTransaction (autocommit), the write
   * has already committed when this is called.
   */
  put(client: Queryable | undefined, tenantId: string, streamId: string, entry: CachedStream<State>): void {
    const key = keyOf(tenantId, streamId);
    const frozen = { state: deepFreeze(entry.state), version: entry.version };
    const scope = client && transactionScope(client);
    if (!scope) return this.commit(key, frozen);
    let pending = scope.local.get(this) as Map<string, CachedStream<State>> | undefined;
    if (!pending) {
      pending = new Map();
      scope.local.set(this, pending);
      const staged = pending;
      scope.afterCommit(() => staged.forEach((value, k) => this.commit(k, value)));
    }
    pending.set(key, frozen);
  }

  /** Drops an entry whose append was refused; a newer entry (another command's) is kept. */
  forget(tenantId: string, streamId: string, version: number): void {
    const key = keyOf(tenantId, streamId);
    const current = this.committed.peek(key);
    if (current && current.version <= version) this.committed.delete(key);
  }

  get size(): number {
    return this.committed.size;
  }

  private pending(client: Queryable): Map<string, CachedStream<State>> | undefined {
    return transactionScope(client)?.local.get(this) as Map<string, CachedStream<State>> | undefined;
  }

  /** Commits of two commands can land in either order; the later version wins. */
  private commit(key: string, entry: CachedStream<State>): void {
    const current = this.committed.peek(key);
    if (!current || current.version < entry.version) this.committed.set(key, entry);
  }
}

function keyOf(tenantId: string, streamId: string): string {
  return `${tenantId}\u0000${streamId}`;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
