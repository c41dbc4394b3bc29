import { deciderSpecification } from '@assay/testing';
import { AiSystemEvent, AiSystemProfile, aiSystemDecider } from './ai-system';
import { AssessmentRuleError } from './assessment.errors';

const spec = deciderSpecification(aiSystemDecider);
const now = new Date('2026-11-30T10:00:00.000Z');
const at = now.toISOString();
const systemId = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f';
const profile: AiSystemProfile = {
  isGenerativeAi: false, isLlm: false, trainsOwnModel: false, usesRag: false, trainingDataSensitive: false, inputDataSensitive: true,
  deploymentType: 'api-saas', usageScenario: 'verified-augmentation', sourcing: 'acquiring',
};
const details = { name: 'Fraud scoring', owner: 'ana@acme.test', purpose: 'Flags suspicious card payments', lifecycleStage: 'production' as const, profile };
const registered: AiSystemEvent = { type: 'AiSystemRegistered', data: { systemId, ...details, registeredBy: 'ana', registeredAt: at } };

describe('AI system inventory', () => {
  it('registers a system with its profile, once', () => {
    spec.given([]).when({ type: 'RegisterAiSystem', data: { systemId, ...details, by: 'ana', now } }).then([registered]);
    spec.given([registered]).when({ type: 'RegisterAiSystem', data: { systemId, ...details, by: 'ana', now } }).thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('already-started'));
  });

  it('records only what changed, as a new version; a profile change is a partial profile', () => {
    spec.given([registered]).when({ type: 'ChangeAiSystem', data: { systemId, changes: { profile: { ...profile, isLlm: true, isGenerativeAi: true }, name: 'Fraud scoring' }, by: 'rui', now } }).then([
      { type: 'AiSystemChanged', data: { systemId, changes: { profile: { ...profile, isLlm: true, isGenerativeAi: true } }, version: 2, changedBy: 'rui', changedAt: at } },
    ]);
    spec.given([registered]).when({ type: 'ChangeAiSystem', data: { systemId, changes: { name: 'Fraud scoring', profile }, by: 'rui', now } }).then([]);
  });

  it('archives a system, which then no longer changes', () => {
    const archived: AiSystemEvent = { type: 'AiSystemArchived', data: { systemId, archivedBy: 'ana', archivedAt: at } };
    spec.given([registered]).when({ type: 'ArchiveAiSystem', data: { systemId, by: 'ana', now } }).then([archived]);
    spec.given([registered, archived]).when({ type: 'ChangeAiSystem', data: { systemId, changes: { name: 'x' }, by: 'ana', now } }).thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('assessment-locked'));
    spec.given([]).when({ type: 'ArchiveAiSystem', data: { systemId, by: 'ana', now } }).thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('not-found'));
  });
});
