import { AnswerRecordedV1, AnswerRecordedV2, IntegrationEnvelope } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { runScorecardCommand } from './scorecard-command';

/**
 * assessment.answer-recorded → rescore the assessment under its definition's model. v2 carries any
 * framework's answer; v1 (AIMA answers from before v2, still in the topic) is read the same way,
 * its practiceId ignored: the definition says which practice a question is in.
 */
export const onAnswerRecordedV2: IntegrationHandler = async (envelope, client) => {
  const { assessmentId, frameworkId, frameworkVersion, questionId, value } = (envelope as IntegrationEnvelope<string, AnswerRecordedV2>).data;
  await runScorecardCommand(envelope, client, { type: 'ApplyAnswer', data: { assessmentId, frameworkId, frameworkVersion, questionId, value } });
};

export const onAnswerRecordedV1: IntegrationHandler = async (envelope, client) => {
  const { assessmentId, frameworkId, frameworkVersion, questionId, value } = (envelope as IntegrationEnvelope<string, AnswerRecordedV1>).data;
  await runScorecardCommand(envelope, client, { type: 'ApplyAnswer', data: { assessmentId, frameworkId, frameworkVersion, questionId, value } });
};
