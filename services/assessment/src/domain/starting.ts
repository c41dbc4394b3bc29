import { scopeByProfile } from '@assay/frameworks';
import { ReevaluateApplicability, StartAssessment } from './assessment.commands';
import { AssessmentRuleError } from './assessment.errors';
import { AssessmentEvent } from './assessment.events';
import { AssessmentState, EDITABLE } from './assessment.state';
import { pinned, started } from './guards';

export function start(command: StartAssessment, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, frameworkId, frameworkVersion, title, startedBy, now, frameworks, scope, basedOn } = command.data;
  if (state.status !== 'not-started') throw new AssessmentRuleError('already-started', `assessment ${assessmentId} already exists`);
  const definition = frameworks(frameworkId, frameworkVersion);
  if (!definition) throw new AssessmentRuleError('unsupported-framework', `framework ${frameworkId} ${frameworkVersion} is not available to this tenant`);
  if (basedOn) {
    const { source, kind } = basedOn;
    if (source.status !== 'approved') throw new AssessmentRuleError('invalid-basis', `assessment ${source.assessmentId} is ${source.status}; only an approved assessment can be revised or re-assessed`);
    if (source.frameworkId !== frameworkId || source.frameworkVersion !== frameworkVersion) {
      throw new AssessmentRuleError('invalid-basis', `assessment ${source.assessmentId} pins ${source.frameworkId} ${source.frameworkVersion}, not ${frameworkId} ${frameworkVersion}`);
    }
    if (kind === 'revision' && JSON.stringify(scope ?? source.scope) !== JSON.stringify(source.scope)) {
      throw new AssessmentRuleError('invalid-basis', 'a revision keeps the scope of the assessment it revises');
    }
  }
  const at = now.toISOString();
  const scoped = scope ?? basedOn?.source.scope ?? { kind: 'programme' as const };
  const excluded = scoped.kind === 'system' ? scopeByProfile(definition, scoped.profile).excluded : [];
  const events: AssessmentEvent[] = [
    {
      type: 'AssessmentStarted',
      data: {
        assessmentId, frameworkId, frameworkVersion, title, startedBy, startedAt: at, scope: scoped, excluded,
        ...(basedOn ? { basedOn: { assessmentId: basedOn.source.assessmentId, kind: basedOn.kind, revision: basedOn.source.revision } } : {}),
        revision: basedOn?.kind === 'revision' ? basedOn.source.revision + 1 : 1,
      },
    },
  ];
  if (basedOn) {
    // An accepted risk is decided again in the new assessment (its reason, owner and expiry belong to the old one).
    const answers = Object.fromEntries(Object.entries(basedOn.source.answers).filter(([, v]) => v !== null && v !== 'risk-accepted'));
    // A revision corrects the same assessment: its answers stand. A re-assessment is a new period:
    // every carried answer waits to be confirmed or changed, so fresh and carried stay apart.
    if (Object.keys(answers).length) events.push({ type: 'AnswersCarriedForward', data: { assessmentId, frameworkId, frameworkVersion, from: basedOn.source.assessmentId, answers, toConfirm: basedOn.kind === 'reassessment', carriedAt: at } });
  }
  return events;
}

/**
 * The assessed system's profile changed: applicability is worked out again. Answers given to items
 * now excluded are kept (and shown), only no longer scored; items back in scope count again.
 */
export function reevaluate(command: ReevaluateApplicability, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, systemVersion, profile, now, frameworks } = command.data;
  const s = started(state, assessmentId);
  if (s.scope.kind !== 'system') throw new AssessmentRuleError('not-a-system-assessment', `assessment ${assessmentId} assesses the programme, not an AI system`);
  if (!EDITABLE.includes(s.status) || systemVersion <= s.scope.systemVersion) return []; // submitted, in review and approved keep their scope; an older profile changes nothing
  const next = scopeByProfile(pinned(s, frameworks), profile).excluded;
  const before = new Map(s.excluded.map((e) => [e.nodeId, e.reason]));
  const nowExcluded = next.filter((e) => before.get(e.nodeId) !== e.reason);
  const nowIncluded = [...before.keys()].filter((id) => !next.some((e) => e.nodeId === id));
  return [{ type: 'ApplicabilityChanged', data: { assessmentId, frameworkId: s.frameworkId, frameworkVersion: s.frameworkVersion, systemVersion, profile, nowExcluded, nowIncluded, excludedNodes: next.map((e) => e.nodeId), changedAt: now.toISOString() } }];
}
