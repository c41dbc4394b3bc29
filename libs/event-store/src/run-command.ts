import { Pool } from 'pg';
import { Queryable } from '@assay/postgres';
import { Decider } from '@assay/domain-kernel';
import { withTenantTransaction } from '@assay/tenancy';
import { CommandContext, CommandOutcome, handleCommand, toNewEvent } from './handle-command';
import { DomainEvent } from './load-aggregate';
import { PostgresEventStore } from './postgres-event-store';
import { StreamStateCache } from './stream-state-cache';

/**
 * A read model kept in the command's own transaction (e.g. a listing). `affects` says whether a
 * change touches it; when it does, the command takes the transaction path and `apply` writes the
 * row with the events, so the listing never shows a state whose events were lost, nor misses one.
 */
export interface InlineProjection<State> {
  affects(before: State, after: State): boolean;
  apply(client: Queryable, tenantId: string, state: State, version: number): Promise<void>;
}

/**
 * A command that is nothing but its append, in the fewest round trips PostgreSQL allows: when the
 * stream's state is cached and the decision is to append, the append is the whole transaction (one
 * statement in autocommit, tenant included: one round trip instead of BEGIN, read, append, COMMIT).
 * Otherwise — nothing cached, a refusal, nothing to do — the command runs as handleCommand in a
 * tenant transaction, where a refusal or a no-op is re-decided on the stream itself.
 *
 * A refused append throws ConcurrencyError / StreamOrderConflict as handleCommand does; wrap the call
 * in retryOnConflict: the entry is forgotten, so the retry reads the stream.
 */
export async function runCommand<Command, Event extends DomainEvent, State>(
  pool: Pool,
  store: PostgresEventStore,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
  cache: StreamStateCache<State>,
  projection?: InlineProjection<State>,
): Promise<CommandOutcome<Event, State>> {
  const { tenantId, streamId, expectedVersion } = context;
  const cached = cache.get(undefined, tenantId, streamId);
  const events = cached && (expectedVersion === undefined || expectedVersion === cached.version) ? decideOrNothing(decider, command, cached.state) : [];
  const next = cached && events.length > 0 ? events.reduce(decider.evolve, cached.state) : undefined;
  if (cached && next !== undefined && !projection?.affects(cached.state, next)) {
    try {
      const newEvents = events.map((e) => toNewEvent(e, context));
      const result = await store.appendAsTransaction(pool, tenantId, streamId, newEvents, cached.version === 0 ? 'no_stream' : cached.version);
      cache.put(undefined, tenantId, streamId, { state: next, version: result.nextExpectedVersion });
      return { events, version: result.nextExpectedVersion, state: next };
    } catch (error) {
      cache.forget(tenantId, streamId, cached.version);
      throw error;
    }
  }
  return withTenantTransaction(pool, tenantId, async (client) => {
    const outcome = await handleCommand(store, client, decider, command, context, cache);
    if (projection && outcome.events.length > 0) await projection.apply(client, tenantId, outcome.state, outcome.version);
    return outcome;
  });
}

/** A refusal from cached state is not final (the cache may be behind): the transaction path decides it again. */
function decideOrNothing<Command, Event, State>(decider: Decider<Command, Event, State>, command: Command, state: State): Event[] {
  try {
    return decider.decide(command, state);
  } catch {
    return [];
  }
}
