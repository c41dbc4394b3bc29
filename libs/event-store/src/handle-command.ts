import { Queryable } from '@assay/postgres';
import { ConcurrencyError, StreamOrderConflict } from './concurrency-error';
import { Decider } from '@assay/domain-kernel';
import { NewEvent } from './event-types';
import { DomainEvent, loadAggregate } from './load-aggregate';
import { PostgresEventStore } from './postgres-event-store';

export interface CommandContext {
  tenantId: string;
  streamId: string;
  /** When the client sent one (If-Match), a mismatch is a conflict instead of a silent re-decide. */
  expectedVersion?: number;
  newEventId: () => string;
  now: Date;
  metadata?: NewEvent['metadata'];
}

export interface CommandOutcome<Event> {
  events: Event[];
  version: number;
}

/**
 * Load → decide → append with the version that was read. Runs inside the caller's transaction, so a
 * ConcurrencyError aborts it; callers retry the whole transaction (see retryOnConflict).
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: PostgresEventStore,
  client: Queryable,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
): Promise<CommandOutcome<Event>> {
  const { state, version } = await loadAggregate(store, client, decider, context.tenantId, context.streamId);
  if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
    throw new ConcurrencyError(context.streamId, context.expectedVersion, version);
  }
  const events = decider.decide(command, state);
  if (events.length === 0) return { events, version };
  const result = await store.appendToStream(
    client,
    context.tenantId,
    context.streamId,
    events.map((e) => ({
      type: e.type,
      data: e.data,
      eventId: context.newEventId(),
      occurredAt: context.now,
      metadata: context.metadata,
    })),
    version === 0 ? 'no_stream' : version,
  );
  return { events, version: result.nextExpectedVersion };
}

/**
 * Re-runs a whole unit of work when a concurrent writer won, unless the client pinned a version.
 * A StreamOrderConflict is retried even when pinned: the version matched, only the transaction was
 * too old, and a new one either succeeds or meets the real ConcurrencyError.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3, pinned = false): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retryable = error instanceof StreamOrderConflict || (error instanceof ConcurrencyError && !pinned);
      if (!retryable || attempt >= attempts) throw error;
    }
  }
}
