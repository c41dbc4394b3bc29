import { randomUUID } from 'node:crypto';
import { AnswerRecordedV1, IntegrationEnvelope } from '@assay/contracts';
import { handleCommand } from '@assay/event-store';
import { IntegrationHandler } from '@assay/messaging';
import { scorecardDecider } from '../domain/scorecard.decider';
import { scorecardStates, scorecardStreamId, scoringStore } from '../infrastructure/scoring-store';

/**
 * assessment.answer-recorded → recalculate the practice. Runs in the consumer's transaction, so the
 * scorecard event and the inbox row commit together: a redelivered answer changes nothing.
 */
export const onAnswerRecorded: IntegrationHandler = async (envelope, client) => {
  const { data } = envelope as IntegrationEnvelope<string, AnswerRecordedV1>;
  await handleCommand(
    scoringStore,
    client,
    scorecardDecider,
    {
      type: 'ApplyAnswer',
      data: {
        assessmentId: data.assessmentId,
        frameworkId: data.frameworkId,
        frameworkVersion: data.frameworkVersion,
        questionId: data.questionId,
        practiceId: data.practiceId,
        value: data.value,
        sourceEventId: envelope.id,
        now: new Date(),
      },
    },
    {
      tenantId: envelope.tenantId,
      streamId: scorecardStreamId(data.assessmentId),
      newEventId: randomUUID,
      now: new Date(),
      metadata: { correlationId: envelope.correlationId, causationId: envelope.id, traceparent: envelope.traceparent },
    },
    scorecardStates,
  );
};
