/** What a writer hands to the store. Ids and time come from the caller so deciders stay pure. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  eventId: string;
  occurredAt: Date;
  schemaVersion?: number;
  metadata?: EventMetadata;
}

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  [key: string]: unknown;
}

export interface StoredEvent<Type extends string = string, Data = unknown> {
  globalPosition: bigint;
  transactionId: bigint;
  eventId: string;
  tenantId: string;
  streamId: string;
  streamVersion: number;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  occurredAt: Date;
}

/** Position in the all-events order: (writing transaction, global position). */
export interface ReadAllCheckpoint {
  transactionId: bigint;
  globalPosition: bigint;
}

export const START_OF_LOG: ReadAllCheckpoint = { transactionId: 0n, globalPosition: 0n };

/** `no_stream`: the stream must not exist yet; a number: it must be at exactly that version. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendResult {
  nextExpectedVersion: number;
  globalPositions: bigint[];
}

/** One stream's part of an append to several streams (PostgresEventStore.appendToStreams). */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedVersion;
}
