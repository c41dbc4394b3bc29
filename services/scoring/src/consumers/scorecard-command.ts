import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { handleCommand } from '@assay/event-store';
import { PoisonMessageError } from '@assay/messaging';
import { ScoringInputError } from '@assay/frameworks';
import { scorecardDecider } from '../domain/scorecard.decider';
import { ScorecardCommand } from '../domain/scorecard.events';
import { frameworkFor } from '../infrastructure/scoring-frameworks';
import { scorecardStates, scorecardStreamId, scoringStore } from '../infrastructure/scoring-store';

type WithoutDefinition<C> = C extends { type: infer T; data: infer D } ? { type: T; data: Omit<D, 'definition' | 'sourceEventId' | 'now'> } : never;

/**
 * Runs a scorecard command in the consumer's transaction with the definition the assessment pins,
 * so the score event and the inbox row commit together: a redelivered event changes nothing.
 */
export async function runScorecardCommand(envelope: IntegrationEnvelope, client: PoolClient, command: WithoutDefinition<ScorecardCommand>): Promise<void> {
  const { frameworkId, frameworkVersion, assessmentId } = command.data;
  const definition = await frameworkFor(client, envelope.tenantId, frameworkId, frameworkVersion);
  const now = new Date();
  try {
    await handleCommand(
      scoringStore,
      client,
      scorecardDecider,
      { ...command, data: { ...command.data, definition, sourceEventId: envelope.id, now } } as ScorecardCommand,
      {
        tenantId: envelope.tenantId,
        streamId: scorecardStreamId(assessmentId),
        newEventId: randomUUID,
        now,
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
