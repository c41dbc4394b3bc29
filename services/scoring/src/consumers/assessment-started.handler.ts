import { AssessmentStartedV1, AssessmentStartedV2, IntegrationEnvelope, ScopeChangedV1 } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { runScorecardCommand } from './scorecard-command';

/** assessment.started → the assessment's first scores, every node of its framework at "nothing answered". */
export const onAssessmentStartedV2: IntegrationHandler = async (envelope, client) => {
  const { assessmentId, frameworkId, frameworkVersion, excludedNodes } = (envelope as IntegrationEnvelope<string, AssessmentStartedV2>).data;
  await runScorecardCommand(envelope, client, { type: 'OpenScorecard', data: { assessmentId, frameworkId, frameworkVersion, excluded: excludedNodes } });
};

/** v1 (before scopes): the organisation's programme, nothing excluded. */
export const onAssessmentStartedV1: IntegrationHandler = async (envelope, client) => {
  const { assessmentId, frameworkId, frameworkVersion } = (envelope as IntegrationEnvelope<string, AssessmentStartedV1>).data;
  await runScorecardCommand(envelope, client, { type: 'OpenScorecard', data: { assessmentId, frameworkId, frameworkVersion, excluded: [] } });
};

/** assessment.scope-changed → rescore with the new exclusions; answers to excluded items are kept, not counted. */
export const onScopeChanged: IntegrationHandler = async (envelope, client) => {
  const { assessmentId, frameworkId, frameworkVersion, excludedNodes } = (envelope as IntegrationEnvelope<string, ScopeChangedV1>).data;
  await runScorecardCommand(envelope, client, { type: 'ChangeScope', data: { assessmentId, frameworkId, frameworkVersion, excluded: excludedNodes } });
};
