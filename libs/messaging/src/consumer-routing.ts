import { PoolClient } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { ContractViolationError, EventContractRegistry } from './contract-registry';
import { Headers } from './message-headers';

/** Applies one integration event inside the transaction that also records it in the inbox. */
export type IntegrationHandler = (envelope: IntegrationEnvelope, client: PoolClient) => Promise<void>;

/** Handlers by event type, then by schema version: `{ 'assessment.answer-recorded': { 1: onV1, 2: onV2 } }`. */
export type IntegrationHandlers = Record<string, Record<number, IntegrationHandler>>;

export interface IncomingMessage {
  value: string;
  headers: Record<string, string>;
}

export type Route =
  | { kind: 'handle'; envelope: IntegrationEnvelope; handler: IntegrationHandler }
  | { kind: 'skip'; reason: 'unhandled-type' | 'handled-in-another-version' | 'replay-for-another-group' }
  | { kind: 'dead-letter'; errorKind: 'unparseable' | 'contract' | 'unsupported-version'; error: Error };

/**
 * Decides what a consumer does with a message, before any I/O. The order matters:
 * 1. a message that is not JSON, or has no type and version, is poison (unless step 2 skips it first);
 * 2. a type the consumer has no handler for is skipped (it would be ignored anyway, so its
 *    contract is none of this consumer's business — validating first dead-lettered such events),
 *    before parsing when the event-type header names it;
 * 3. a handled type in a version without a handler is skipped when the producer published the same
 *    event in a version the consumer handles (the `schema-versions` header; the inbox would
 *    deduplicate it anyway), and dead-lettered otherwise, so a producer that deploys v2 before its
 *    consumers loses nothing: the dead letters replay once the consumer knows v2;
 * 4. only then is the contract checked.
 */
export function routeMessage(message: IncomingMessage, groupId: string, handlers: IntegrationHandlers, contracts: EventContractRegistry): Route {
  const replayFor = message.headers[Headers.replayForGroup];
  if (replayFor !== undefined && replayFor !== groupId) return { kind: 'skip', reason: 'replay-for-another-group' };
  // The producer names the type in a header: a type this consumer never handles is skipped without
  // parsing its body (reporting reads the assessment topic for starts and targets, not its answers).
  const announced = message.headers[Headers.eventType];
  if (announced !== undefined && !Object.hasOwn(handlers, announced)) return { kind: 'skip', reason: 'unhandled-type' };
  let candidate: unknown;
  try {
    candidate = JSON.parse(message.value);
  } catch (error) {
    return { kind: 'dead-letter', errorKind: 'unparseable', error: error as Error };
  }
  const { type, schemaVersion } = (candidate ?? {}) as { type?: unknown; schemaVersion?: unknown };
  if (typeof type !== 'string' || typeof schemaVersion !== 'number') {
    return { kind: 'dead-letter', errorKind: 'contract', error: new ContractViolationError('envelope', ['type and schemaVersion are required']) };
  }
  // Own properties only: a type named "constructor" must not find Object.prototype's.
  const versions = Object.hasOwn(handlers, type) ? handlers[type] : undefined;
  if (!versions) return { kind: 'skip', reason: 'unhandled-type' };
  const handler = Object.hasOwn(versions, schemaVersion) ? versions[schemaVersion] : undefined;
  if (!handler) {
    const published = (message.headers[Headers.schemaVersions] ?? '').split(',').map(Number);
    if (published.some((v) => v !== schemaVersion && Object.hasOwn(versions, v))) return { kind: 'skip', reason: 'handled-in-another-version' };
    const known = Object.keys(versions).join(', ');
    return { kind: 'dead-letter', errorKind: 'unsupported-version', error: new Error(`${type} v${schemaVersion} has no handler in ${groupId} (handles v${known})`) };
  }
  try {
    return { kind: 'handle', envelope: contracts.validate(candidate), handler };
  } catch (error) {
    return { kind: 'dead-letter', errorKind: 'contract', error: error as Error };
  }
}
