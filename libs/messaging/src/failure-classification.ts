import { ContractViolationError } from './contract-registry';

/**
 * Thrown by a handler (or mapped from a service's domain rule error) when the message itself can
 * never be applied: a rule it breaks, data it lacks. Only such failures, and messages that cannot
 * be parsed or break their contract, may end in the dead-letter topic.
 */
export class PoisonMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonMessageError';
  }
}

/** Decides whether a handler failure is the message's fault. */
export type PoisonClassifier = (error: unknown) => boolean;

// 22xxx data exception, 23502 not-null and 23514 check violations: the message's data can never
// satisfy them. Unique and foreign-key violations are left out: they can come from a race.
const POISON_SQLSTATE = /^(22...|23502|23514)$/;

/**
 * What is poison is listed; everything else is redelivered with backoff. The list used to be the
 * other way round (transient SQLSTATEs), and every code it missed — 25006 read-only after a
 * failover, 57014 statement timeout, 55P03 lock timeout, pg's "connection error and is not
 * queryable" — dead-lettered a valid event during a database outage and lost its effect. A bug
 * in a handler (a TypeError, say) now stops its partition, visibly (redelivery metric and logs),
 * instead of silently skipping effects; it flows again once the fix is deployed.
 */
export const isPoisonMessage: PoisonClassifier = (error) => {
  if (error instanceof PoisonMessageError || error instanceof ContractViolationError) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && POISON_SQLSTATE.test(code);
};
