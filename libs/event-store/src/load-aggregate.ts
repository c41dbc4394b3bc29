import { Queryable } from '@assay/postgres';
import { Decider, foldEvents } from '@assay/domain-kernel';
import { StoredEvent } from './event-types';
import { PostgresEventStore } from './postgres-event-store';

/** A domain event as deciders see it: type and data only; the store adds ids and positions. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * A stored event typed as the aggregate's own: the intersection distributes over the Event union,
 * so narrowing on `type` still narrows `data`.
 */
export type LoadedEvent<Event extends DomainEvent> = Omit<StoredEvent, 'type' | 'data'> & Event;

export interface LoadedAggregate<Event extends DomainEvent, State> {
  state: State;
  /** The stream's version as read: the last event's stream version, 0 when the stream does not exist. */
  version: number;
  /** In stream-version order, for callers that need more than the state (e.g. the latest event's data). */
  events: LoadedEvent<Event>[];
}

/**
 * Reads one stream and folds it through the decider. Runs in the caller's transaction, so row-level
 * security decides what it sees: another tenant's stream reads as a stream that does not exist.
 * The version comes from the events read, not the streams row, so state and version always belong
 * to the same snapshot of the stream (one statement).
 */
export async function loadAggregate<Event extends DomainEvent, State>(
  store: PostgresEventStore,
  client: Queryable,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  tenantId: string,
  streamId: string,
): Promise<LoadedAggregate<Event, State>> {
  // The store returns events in stream-version order; the cast is the one place the stored type
  // name is trusted to match the decider's event union.
  const events = (await store.readStream(client, tenantId, streamId)) as LoadedEvent<Event>[];
  const state = foldEvents(decider, events.map((e) => ({ type: e.type, data: e.data }) as Event));
  const version = events.length === 0 ? 0 : events[events.length - 1].streamVersion;
  return { state, version, events };
}
