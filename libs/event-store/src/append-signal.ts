import { EventEmitter } from 'node:events';

/**
 * Commits in this process that appended events, by schema: what wakes a relay right after a
 * commit. A NOTIFY from inside each appending transaction did that before (migration 004), but
 * PostgreSQL serialises every committing transaction that notified on one global lock, which cost
 * concurrent appends a third of their rate (0.70× Emmett's single appends, 1.40× without it). Now
 * the process tells its own relays, and a relay that is not the leader forwards one coalesced
 * NOTIFY to the leader elsewhere (EventRelay). Appends made outside withTransaction and this store
 * signal nothing: the relays' polling finds them.
 */
const appended = new EventEmitter().setMaxListeners(0);

export function onEventsAppended(schema: string, listener: () => void): () => void {
  appended.on(schema, listener);
  return () => appended.off(schema, listener);
}

export function signalEventsAppended(schema: string): void {
  appended.emit(schema);
}
