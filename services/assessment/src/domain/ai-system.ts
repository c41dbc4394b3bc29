import { Decider } from '@assay/domain-kernel';
import { AssessmentRuleError } from './assessment.errors';

/**
 * What the AI Exchange risk analysis and the frameworks' applicability conditions read about a
 * system. Field names are the definitions' profile fields.
 */
export interface AiSystemProfile {
  isGenerativeAi: boolean;
  isLlm: boolean;
  /** Trains or fine-tunes its own model (false: uses a model as-is). */
  trainsOwnModel: boolean;
  usesRag: boolean;
  trainingDataSensitive: boolean;
  inputDataSensitive: boolean;
  deploymentType: 'self-hosted' | 'paas' | 'api-saas';
  usageScenario: 'support-augmentation' | 'verified-augmentation' | 'fully-autonomous';
  sourcing: 'building' | 'acquiring';
}

export type LifecycleStage = 'ideation' | 'development' | 'validation' | 'production' | 'retired';

export interface AiSystemDetails {
  name: string;
  owner: string;
  purpose: string;
  lifecycleStage: LifecycleStage;
  profile: AiSystemProfile;
}

export type AiSystemRegistered = { type: 'AiSystemRegistered'; data: AiSystemDetails & { systemId: string; registeredBy: string; registeredAt: string } };
/** Only the fields that changed; version counts every registered or changed description. */
export type AiSystemChanged = { type: 'AiSystemChanged'; data: { systemId: string; changes: Partial<AiSystemDetails>; version: number; changedBy: string; changedAt: string } };
export type AiSystemArchived = { type: 'AiSystemArchived'; data: { systemId: string; archivedBy: string; archivedAt: string } };
export type AiSystemEvent = AiSystemRegistered | AiSystemChanged | AiSystemArchived;

export type RegisterAiSystem = { type: 'RegisterAiSystem'; data: AiSystemDetails & { systemId: string; by: string; now: Date } };
export type ChangeAiSystem = { type: 'ChangeAiSystem'; data: { systemId: string; changes: Partial<AiSystemDetails>; by: string; now: Date } };
export type ArchiveAiSystem = { type: 'ArchiveAiSystem'; data: { systemId: string; by: string; now: Date } };
export type AiSystemCommand = RegisterAiSystem | ChangeAiSystem | ArchiveAiSystem;

export type AiSystem = AiSystemDetails & { systemId: string; version: number; archived: boolean; registeredAt: string; updatedAt: string };
export type AiSystemState = { status: 'unregistered' } | ({ status: 'registered' } & AiSystem);

export const aiSystemStreamId = (systemId: string) => `ai-system-${systemId}`;

function evolve(state: AiSystemState, event: AiSystemEvent): AiSystemState {
  switch (event.type) {
    case 'AiSystemRegistered': {
      const { systemId, name, owner, purpose, lifecycleStage, profile, registeredAt } = event.data;
      return { status: 'registered', systemId, name, owner, purpose, lifecycleStage, profile, version: 1, archived: false, registeredAt, updatedAt: registeredAt };
    }
    case 'AiSystemChanged':
      if (state.status !== 'registered') return state;
      return { ...state, ...event.data.changes, profile: { ...state.profile, ...event.data.changes.profile }, version: event.data.version, updatedAt: event.data.changedAt };
    case 'AiSystemArchived':
      if (state.status !== 'registered') return state;
      return { ...state, archived: true, updatedAt: event.data.archivedAt };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function decide(command: AiSystemCommand, state: AiSystemState): AiSystemEvent[] {
  const at = command.data.now.toISOString();
  if (command.type === 'RegisterAiSystem') {
    if (state.status === 'registered') throw new AssessmentRuleError('already-started', `AI system ${command.data.systemId} is already registered`);
    const { systemId, name, owner, purpose, lifecycleStage, profile, by } = command.data;
    return [{ type: 'AiSystemRegistered', data: { systemId, name, owner, purpose, lifecycleStage, profile, registeredBy: by, registeredAt: at } }];
  }
  if (state.status !== 'registered') throw new AssessmentRuleError('not-found', `AI system ${command.data.systemId} does not exist`);
  if (state.archived) throw new AssessmentRuleError('assessment-locked', `AI system ${state.systemId} is archived and no longer changes`);
  if (command.type === 'ArchiveAiSystem') return [{ type: 'AiSystemArchived', data: { systemId: state.systemId, archivedBy: command.data.by, archivedAt: at } }];
  const current: AiSystemDetails = { name: state.name, owner: state.owner, purpose: state.purpose, lifecycleStage: state.lifecycleStage, profile: state.profile };
  const changes: Partial<AiSystemDetails> = {};
  for (const key of Object.keys(command.data.changes) as (keyof AiSystemDetails)[]) {
    const next = key === 'profile' ? { ...state.profile, ...command.data.changes.profile } : command.data.changes[key];
    if (!same(current[key], next)) Object.assign(changes, { [key]: next });
  }
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'AiSystemChanged', data: { systemId: state.systemId, changes, version: state.version + 1, changedBy: command.data.by, changedAt: at } }];
}

export const aiSystemDecider: Decider<AiSystemCommand, AiSystemEvent, AiSystemState> = { initialState: () => ({ status: 'unregistered' }), evolve, decide };
