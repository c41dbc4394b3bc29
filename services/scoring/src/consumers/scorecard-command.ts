import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { handleCommand } from '@assay/event-store';
import { PoisonMessageError } from '@assay/messaging';
import { SHIPPED_CROSSWALKS, ScoringInputError } from '@assay/frameworks';
import { scorecardDecider } from '../domain/scorecard.decider';
import { ScorecardCommand } from '../domain/scorecard.events';
import { frameworkFor } from '../infrastructure/scoring-frameworks';
import { scorecardStates, scorecardStreamId, scoringStore } from '../infrastructure/scoring-store';

type WithoutDefinition<C> = C extends { type: infer T; data: infer D } ? { type: T; data: Omit<D, 'definition' | 'crosswalks' | 'sourceEventId' | 'now'> } : never;

/**
 * Runs a scorecard command in the consumer's transaction with the definition the assessment pins
 * and the shipped crosswalks (derived scores name each one's version), so the score events and the
 * inbox row commit together: a redelivered event changes nothing.
 *
 * The figures hold from the instant of the event that caused them (`effectiveAt`, by default its
 * occurredAt), never from this process's clock: replaying the same events gives the same score
 * events, and reporting's history places each change when it happened, not when it was processed.
 */
export async function runScorecardCommand(
  envelope: IntegrationEnvelope,
  client: PoolClient,
  command: WithoutDefinition<ScorecardCommand>,
  effectiveAt: string = envelope.occurredAt,
): Promise<void> {
  const { frameworkId, frameworkVersion, assessmentId } = command.data;
  const definition = await frameworkFor(client, envelope.tenantId, frameworkId, frameworkVersion);
  const now = new Date(effectiveAt);
  try {
    await handleCommand(
      scoringStore,
      client,
      scorecardDecider,
      { ...command, data: { ...command.data, definition, crosswalks: SHIPPED_CROSSWALKS, sourceEventId: envelope.id, now } } as ScorecardCommand,
      {
        tenantId: envelope.tenantId,
        streamId: scorecardStreamId(assessmentId),
        newEventId: randomUUID,
        // The row's own record of when it was written, apart from the figures' effective instant.
        now: new Date(),
        metadata: { correlationId: envelope.correlationId, causationId: envelope.id, traceparent: envelope.traceparent },
      },
      scorecardStates,
    );
  } catch (error) {
    // An answer the definition's model cannot score can never be applied: the message is poison.
    if (error instanceof ScoringInputError) throw new PoisonMessageError(error.message, { cause: error });
    throw error;
  }
}
