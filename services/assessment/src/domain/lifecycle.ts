import { ApproveAssessment, ReturnAssessment, StartReview, SubmitAssessment } from './assessment.commands';
import { AssessmentRuleError } from './assessment.errors';
import { AssessmentEvent } from './assessment.events';
import { Assessment, AssessmentState, AssessmentStatus } from './assessment.state';
import { started } from './guards';

/**
 * draft → in progress (first work) → submitted → in review → approved, or returned with comments
 * → in progress (next work). Approved is final: a change is a new revision.
 */
function from(state: AssessmentState, assessmentId: string, allowed: AssessmentStatus, action: string): Assessment {
  const s = started(state, assessmentId);
  if (s.status !== allowed) throw new AssessmentRuleError('illegal-transition', `cannot ${action} an assessment that is ${s.status}; only one that is ${allowed}`);
  return s;
}

/** Four eyes: whoever submitted it never reviews, approves or returns it. */
function notTheSubmitter(s: Assessment, by: string, action: string): void {
  if (s.submittedBy === by) throw new AssessmentRuleError('four-eyes', `${by} submitted assessment ${s.assessmentId} and so cannot ${action} it; another reviewer must`);
}

export function submit(command: SubmitAssessment, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, by, now } = command.data;
  const s = from(state, assessmentId, 'in-progress', 'submit');
  if (s.toConfirm.length) {
    throw new AssessmentRuleError('unconfirmed-answers', `${s.toConfirm.length} carried-forward answers are still to confirm or change: ${s.toConfirm.slice(0, 10).join(', ')}${s.toConfirm.length > 10 ? ', …' : ''}`);
  }
  return [{ type: 'AssessmentSubmitted', data: { assessmentId, submittedBy: by, submittedAt: now.toISOString() } }];
}

export function startReview(command: StartReview, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, by, now } = command.data;
  const s = from(state, assessmentId, 'submitted', 'start reviewing');
  notTheSubmitter(s, by, 'review');
  return [{ type: 'ReviewStarted', data: { assessmentId, reviewer: by, startedAt: now.toISOString() } }];
}

export function approve(command: ApproveAssessment, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, by, now, comment } = command.data;
  const s = from(state, assessmentId, 'in-review', 'approve');
  notTheSubmitter(s, by, 'approve');
  return [{ type: 'AssessmentApproved', data: { assessmentId, approvedBy: by, ...(comment ? { comment } : {}), approvedAt: now.toISOString() } }];
}

export function returnForRework(command: ReturnAssessment, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, by, now, comments } = command.data;
  const s = from(state, assessmentId, 'in-review', 'return');
  notTheSubmitter(s, by, 'return');
  if (!comments.trim()) throw new AssessmentRuleError('comments-required', 'a returned assessment needs comments saying what to change');
  return [{ type: 'AssessmentReturned', data: { assessmentId, returnedBy: by, comments, returnedAt: now.toISOString() } }];
}
