import { answerableNodes, findNode, scoreFramework } from '@assay/frameworks';
import { AcceptRisk, AssignItem, SetTarget } from './assessment.commands';
import { AssessmentRuleError } from './assessment.errors';
import { AssessmentEvent } from './assessment.events';
import { AssessmentState } from './assessment.state';
import { editable, pinned } from './guards';

/** Who answers a practice, category or control (or any node); null takes the assignment back. */
export function assign(command: AssignItem, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, nodeId, assignee, by, now, frameworks } = command.data;
  const s = editable(state, assessmentId);
  if (!findNode(pinned(s, frameworks), nodeId)) throw new AssessmentRuleError('unknown-node', `${nodeId} is not a node of ${s.frameworkId} ${s.frameworkVersion}`);
  if ((s.assignees[nodeId] ?? null) === assignee) return [];
  return [{ type: 'ItemAssigned', data: { assessmentId, nodeId, assignee, assignedBy: by, assignedAt: now.toISOString() } }];
}

/** A target on the node's own score scale (AIMA 0–3, AISMM 1–5, coverage 0–1); null removes it. */
export function setTarget(command: SetTarget, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, nodeId, target, by, now, frameworks } = command.data;
  const s = editable(state, assessmentId);
  const figure = scoreFramework(pinned(s, frameworks), {}).nodes[nodeId];
  if (!figure) throw new AssessmentRuleError('unknown-node', `${nodeId} is not a scored node of ${s.frameworkId} ${s.frameworkVersion}`);
  if (target !== null && !(target >= figure.min && target <= figure.max)) {
    throw new AssessmentRuleError('invalid-target', `${nodeId}: a target must lie on its scale ${figure.min}–${figure.max}; got ${target}`);
  }
  if ((s.targets[nodeId] ?? null) === target) return [];
  return [{ type: 'TargetSet', data: { assessmentId, nodeId, target, setBy: by, setAt: now.toISOString() } }];
}

/**
 * A control whose risk the organisation accepts instead of mitigating: with a reason, an owner and
 * an expiry after which it must be decided again. The control's answer becomes "risk accepted", so
 * it leaves coverage's denominator, as the scale says.
 */
export function acceptRisk(command: AcceptRisk, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, controlId, reason, owner, expiresOn, by, now, frameworks } = command.data;
  const s = editable(state, assessmentId);
  const entry = answerableNodes(pinned(s, frameworks)).get(controlId);
  if (!entry || !entry.scale.options.some((o) => o.value === 'risk-accepted')) {
    throw new AssessmentRuleError('unknown-node', `${controlId} is not a control of ${s.frameworkId} ${s.frameworkVersion} whose risk can be accepted`);
  }
  const problems = [
    !reason.trim() && 'a reason',
    !owner.trim() && 'an owner',
    !(/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) && new Date(`${expiresOn}T00:00:00Z`).getTime() > now.getTime()) && 'an expiry date (YYYY-MM-DD) in the future',
  ].filter(Boolean);
  if (problems.length) throw new AssessmentRuleError('invalid-risk-acceptance', `accepting the risk of ${controlId} needs ${problems.join(', ')}`);
  const at = now.toISOString();
  const answer: AssessmentEvent[] =
    s.answers[controlId] === 'risk-accepted'
      ? []
      : [{ type: 'AnswerRecorded', data: { assessmentId, frameworkId: s.frameworkId, frameworkVersion: s.frameworkVersion, questionId: controlId, value: 'risk-accepted', recordedBy: by, recordedAt: at } }];
  return [{ type: 'RiskAccepted', data: { assessmentId, controlId, reason, owner, expiresOn, acceptedBy: by, acceptedAt: at } }, ...answer];
}
