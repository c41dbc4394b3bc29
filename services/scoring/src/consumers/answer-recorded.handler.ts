import { AnswerRecordedV1, AnswerRecordedV2, IntegrationEnvelope } from '@assay/contracts';
import { IntegrationHandler, setHandler } from '@assay/messaging';
import { CausedScorecardCommand, runScorecardCommands } from './scorecard-command';

/**
 * assessment.answer-recorded → rescore the assessment under its definition's model. v2 carries any
 * framework's answer; v1 (AIMA answers from before v2, still in the topic) is read the same way,
 * its practiceId ignored: the definition says which practice a question is in.
 */
const applyAnswer = (envelope: IntegrationEnvelope): CausedScorecardCommand => {
  const { assessmentId, frameworkId, frameworkVersion, questionId, value } = (envelope as IntegrationEnvelope<string, AnswerRecordedV1 | AnswerRecordedV2>).data;
  return { envelope, command: { type: 'ApplyAnswer', data: { assessmentId, frameworkId, frameworkVersion, questionId, value } } };
};

/** A set of answers (a Kafka batch's stretch of one tenant's, of either version) is scored with one append per assessment. */
export const onAnswerRecorded: IntegrationHandler = setHandler((envelopes, client) => runScorecardCommands(client, envelopes.map(applyAnswer)));
