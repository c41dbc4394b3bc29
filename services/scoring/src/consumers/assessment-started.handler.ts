import { AssessmentStartedV1, IntegrationEnvelope } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { runScorecardCommand } from './scorecard-command';

/** assessment.started → the assessment's first scores, every node of its framework at "nothing answered". */
export const onAssessmentStarted: IntegrationHandler = async (envelope, client) => {
  const { assessmentId, frameworkId, frameworkVersion } = (envelope as IntegrationEnvelope<string, AssessmentStartedV1>).data;
  await runScorecardCommand(envelope, client, { type: 'OpenScorecard', data: { assessmentId, frameworkId, frameworkVersion } });
};
