import { Queryable } from '@assay/postgres';
import { ConcurrencyError, StreamOrderConflict } from './concurrency-error';
import { Decider } from '@assay/domain-kernel';
import { AppendResult, ExpectedVersion, NewEvent } from './event-types';
import { DomainEvent, loadAggregate } from './load-aggregate';
import { PostgresEventStore } from './postgres-event-store';
import { StreamStateCache } from './stream-state-cache';

export interface CommandContext {
  tenantId: string;
  streamId: string;
  /** When the client sent one (If-Match), a mismatch is a conflict instead of a silent re-decide. */
  expectedVersion?: number;
  newEventId: () => string;
  now: Date;
  metadata?: NewEvent['metadata'];
}

export interface CommandOutcome<Event, State = unknown> {
  events: Event[];
  version: number;
  /** The stream's state after the command (before it when nothing was appended). */
  state: State;
}

/**
 * Load → decide → append with the version that was read. Runs inside the caller's transaction, so a
 * ConcurrencyError aborts it; callers retry the whole transaction (see retryOnConflict).
 *
 * With a cache, the state comes from it when it holds the stream (no replay, so a command's cost
 * does not grow with its stream) and the new state goes back to it, taking effect at commit. A
 * refused append drops the entry, so the retry reads the stream. Only an append is checked against
 * the stream's version; a decision to refuse or to do nothing is re-made from the stream.
 */
export function handleCommand<Command, Event extends DomainEvent, State>(
  store: PostgresEventStore,
  client: Queryable,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
  cache?: StreamStateCache<State>,
): Promise<CommandOutcome<Event, State>> {
  const { tenantId, streamId, expectedVersion, ...own } = context;
  return handleCommands(store, client, decider, { tenantId, streamId, expectedVersion }, [{ command, context: own }], cache);
}

/** One of several commands on one stream, with its own ids, time and metadata. */
export interface StreamCommand<Command> {
  command: Command;
  context: EventContext;
}

type EventContext = Omit<CommandContext, 'tenantId' | 'streamId' | 'expectedVersion'>;

/**
 * Several commands on one stream in one append: each decided on the state the ones before it
 * leave, in order, and all their events appended together with the version the first was decided
 * on — what handleCommand gives for each in turn, in one round trip. The one append checks every
 * decision of the set against the stream, so the cache is trusted as for one command.
 */
export async function handleCommands<Command, Event extends DomainEvent, State>(
  store: PostgresEventStore,
  client: Queryable,
  decider: Decider<Command, Event, State>,
  stream: Pick<CommandContext, 'tenantId' | 'streamId' | 'expectedVersion'>,
  commands: StreamCommand<Command>[],
  cache?: StreamStateCache<State>,
): Promise<CommandOutcome<Event, State>> {
  const { tenantId, streamId } = stream;
  const decision = await decideOnStream(store, client, decider, stream, commands, cache);
  if (decision.decided.length === 0) return { events: [], version: decision.version, state: decision.state };
  try {
    const result = await store.appendToStream(client, tenantId, streamId, newEventsOf(decision), expectedOf(decision));
    cache?.put(client, tenantId, streamId, { state: decision.state, version: result.nextExpectedVersion });
    return { events: decision.decided.map((d) => d.event), version: result.nextExpectedVersion, state: decision.state };
  } catch (error) {
    cache?.forget(tenantId, streamId, decision.version);
    throw error;
  }
}

/** One stream's commands, for handleCommandsOnStreams. */
export interface StreamCommands<Command> {
  streamId: string;
  commands: StreamCommand<Command>[];
}

/**
 * Commands on several streams of one tenant: each stream's decided as handleCommands would, then
 * the events of all of them appended in one statement (appendToStreams) instead of one per stream.
 * A refusal of any stream rejects the whole set and drops every stream's cached state it decided
 * on; the caller's transaction is aborted by it in any case.
 */
export async function handleCommandsOnStreams<Command, Event extends DomainEvent, State>(
  store: PostgresEventStore,
  client: Queryable,
  decider: Decider<Command, Event, State>,
  tenantId: string,
  streams: StreamCommands<Command>[],
  cache?: StreamStateCache<State>,
): Promise<CommandOutcome<Event, State>[]> {
  const decisions: Decision<Event, State>[] = [];
  for (const { streamId, commands } of streams) decisions.push(await decideOnStream(store, client, decider, { tenantId, streamId }, commands, cache));
  const appending = decisions.map((decision, index) => ({ decision, streamId: streams[index].streamId })).filter(({ decision }) => decision.decided.length > 0);
  let results: AppendResult[] = [];
  try {
    if (appending.length > 0) results = await store.appendToStreams(client, tenantId, appending.map(({ decision, streamId }) => ({ streamId, events: newEventsOf(decision), expected: expectedOf(decision) })));
  } catch (error) {
    for (const { decision, streamId } of appending) cache?.forget(tenantId, streamId, decision.version);
    throw error;
  }
  const versions = new Map(appending.map(({ streamId }, index) => [streamId, results[index].nextExpectedVersion]));
  return decisions.map((decision, index) => {
    const streamId = streams[index].streamId;
    const version = versions.get(streamId) ?? decision.version;
    if (versions.has(streamId)) cache?.put(client, tenantId, streamId, { state: decision.state, version });
    return { events: decision.decided.map((d) => d.event), version, state: decision.state };
  });
}

interface Decision<Event, State> {
  decided: { event: Event; context: EventContext }[];
  /** The stream's version the decisions were made on. */
  version: number;
  state: State;
}

/**
 * Load (or take from the cache) → decide each command in order. When nothing is decided the state
 * is cached here; when something is, the caller appends it and caches the new state.
 */
async function decideOnStream<Command, Event extends DomainEvent, State>(
  store: PostgresEventStore,
  client: Queryable,
  decider: Decider<Command, Event, State>,
  stream: Pick<CommandContext, 'tenantId' | 'streamId' | 'expectedVersion'>,
  commands: StreamCommand<Command>[],
  cache?: StreamStateCache<State>,
): Promise<Decision<Event, State>> {
  const { tenantId, streamId, expectedVersion } = stream;
  const cached = cache?.get(client, tenantId, streamId);
  // A client's If-Match that differs from the cache may be right about a stream the cache is behind on.
  let fromCache = cached && (expectedVersion === undefined || expectedVersion === cached.version) ? cached : undefined;
  for (;;) {
    const { state: initial, version } = fromCache ?? (await loadAggregate(store, client, decider, tenantId, streamId));
    if (expectedVersion !== undefined && expectedVersion !== version) {
      throw new ConcurrencyError(streamId, expectedVersion, version);
    }
    let state = initial;
    const decided: { event: Event; context: EventContext }[] = [];
    try {
      for (const { command, context } of commands) {
        const events = decider.decide(command, state);
        for (const event of events) decided.push({ event, context });
        state = events.reduce(decider.evolve, state);
      }
    } catch (rejection) {
      // A refusal never reaches the version check, so it must stand on the stream, not the cache.
      if (fromCache) {
        fromCache = undefined;
        continue;
      }
      throw rejection;
    }
    if (decided.length === 0) {
      // Likewise "nothing to do": the cache may be behind on what was done.
      if (fromCache) {
        fromCache = undefined;
        continue;
      }
      cache?.put(client, tenantId, streamId, { state, version });
    }
    return { decided, version, state };
  }
}

function newEventsOf(decision: Decision<DomainEvent, unknown>): NewEvent[] {
  return decision.decided.map(({ event, context }) => toNewEvent(event, context));
}

function expectedOf(decision: Decision<DomainEvent, unknown>): ExpectedVersion {
  return decision.version === 0 ? 'no_stream' : decision.version;
}

/** A decided event as the store takes it: id, time and metadata from the command's context. */
export function toNewEvent(event: DomainEvent, context: EventContext): NewEvent {
  return { type: event.type, data: event.data, eventId: context.newEventId(), occurredAt: context.now, metadata: context.metadata };
}

/**
 * Re-runs a whole unit of work when a concurrent writer won, unless the client pinned a version.
 * A StreamOrderConflict is retried even when pinned: the version matched, only the transaction was
 * too old, and a new one either succeeds or meets the real ConcurrencyError.
 *
 * Between attempts it waits a short random time, growing per attempt: writers that lost to the
 * same winner would otherwise retry in lockstep and collide again (seen as 409s after three
 * attempts when a few answers of one assessment arrive together under load).
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 5, pinned = false): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retryable = error instanceof StreamOrderConflict || (error instanceof ConcurrencyError && !pinned);
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
