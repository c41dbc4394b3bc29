import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { StreamCommand, handleCommandsOnStreams } from '@assay/event-store';
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
export function runScorecardCommand(
  envelope: IntegrationEnvelope,
  client: PoolClient,
  command: WithoutDefinition<ScorecardCommand>,
  effectiveAt: string = envelope.occurredAt,
): Promise<void> {
  return runScorecardCommands(client, [{ envelope, command, effectiveAt }]);
}

/** A scorecard command with the event that caused it, for runScorecardCommands. */
export interface CausedScorecardCommand {
  envelope: IntegrationEnvelope;
  command: WithoutDefinition<ScorecardCommand>;
  effectiveAt?: string;
}

/**
 * Several scorecard commands of one tenant (a consumer's set): each assessment's commands decided in
 * order, and the events of all the assessments appended in one statement (handleCommandsOnStreams)
 * instead of one append per command, with the events each command alone would give.
 */
export async function runScorecardCommands(client: PoolClient, caused: CausedScorecardCommand[]): Promise<void> {
  const complete = await completeCommands(client, caused);
  const byStream = new Map<string, StreamCommand<ScorecardCommand>[]>();
  for (const { command, context } of complete) {
    const streamId = scorecardStreamId(command.data.assessmentId);
    const commands = byStream.get(streamId) ?? [];
    commands.push({ command, context });
    byStream.set(streamId, commands);
  }
  // Each assessment's events keep their order; across assessments they are appended assessment by
  // assessment (A1, A2, B1 rather than A1, B1, A2): nothing orders one assessment's scores by another's.
  const streams = [...byStream].map(([streamId, commands]) => ({ streamId, commands }));
  try {
    await handleCommandsOnStreams(scoringStore, client, scorecardDecider, caused[0].envelope.tenantId, streams, scorecardStates);
  } catch (error) {
    // An answer the definition's model cannot score can never be applied: the message is poison.
    if (error instanceof ScoringInputError) throw new PoisonMessageError(error.message, { cause: error });
    throw error;
  }
}

/** Each command with the definition its assessment pins, the shipped crosswalks and its causing event's context. */
async function completeCommands(client: PoolClient, caused: CausedScorecardCommand[]): Promise<StreamCommand<ScorecardCommand>[]> {
  const complete: StreamCommand<ScorecardCommand>[] = [];
  for (const { envelope, command, effectiveAt = envelope.occurredAt } of caused) {
    const { frameworkId, frameworkVersion } = command.data;
    const definition = await frameworkFor(client, envelope.tenantId, frameworkId, frameworkVersion);
    complete.push({
      command: { ...command, data: { ...command.data, definition, crosswalks: SHIPPED_CROSSWALKS, sourceEventId: envelope.id, now: new Date(effectiveAt) } } as ScorecardCommand,
      context: {
        newEventId: randomUUID,
        // The row's own record of when it was written, apart from the figures' effective instant.
        now: new Date(),
        metadata: { correlationId: envelope.correlationId, causationId: envelope.id, traceparent: envelope.traceparent },
      },
    });
  }
  return complete;
}
