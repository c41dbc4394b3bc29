import { IHeaders } from 'kafkajs';

/** Headers the platform sets on integration events and dead letters. */
export const Headers = {
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  /** Every schema version the producer published this event in (same envelope id), e.g. "1,2". */
  schemaVersions: 'schema-versions',
  correlationId: 'correlation-id',
  traceparent: 'traceparent',
  /** Set by the dead-letter replay: only this consumer group applies the message. */
  replayForGroup: 'replay-for-group',
} as const;

/** Header prefix of what the dead-letter path adds; stripped again on replay. */
export const DLT_HEADER_PREFIX = 'dlt-';

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value[0] : value)?.toString();
}

export function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const text = headerText(headers, name);
    if (text !== undefined) out[name] = text;
  }
  return out;
}
