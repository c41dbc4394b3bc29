import { PoolClient } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { ContractViolationError, EventContractRegistry } from './contract-registry';
import { Headers } from './message-headers';

/**
 * Applies one integration event inside the transaction that also records it in the inbox. A
 * handler may also have a set form, `applyAll`, that applies several of its events at once (one
 * statement for the lot instead of one each) with the same result as applying them one by one in
 * order: the consumer then hands it each stretch of consecutive new events of one tenant that it
 * handles (applyInboxBatch).
 */
export interface IntegrationHandler {
  (envelope: IntegrationEnvelope, client: PoolClient): Promise<void>;
  applyAll?: (envelopes: IntegrationEnvelope[], client: PoolClient) => Promise<void>;
}

/** A handler with a set form; applying one event is applying a set of one. */
export function setHandler(applyAll: (envelopes: IntegrationEnvelope[], client: PoolClient) => Promise<void>): IntegrationHandler {
  return Object.assign((envelope: IntegrationEnvelope, client: PoolClient) => applyAll([envelope], client), { applyAll });
}

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
