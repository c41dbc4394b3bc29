import { AnswerValue, Exclusion } from '@assay/frameworks';
import { AssessmentEvent, AssessmentScope, BasedOn } from './assessment.events';

export type AssessmentStatus = 'draft' | 'in-progress' | 'submitted' | 'in-review' | 'approved' | 'returned';

export interface Assessment {
  status: AssessmentStatus;
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  title: string;
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  scope: AssessmentScope;
  excluded: Exclusion[];
  basedOn?: BasedOn;
  revision: number;
  answers: Record<string, AnswerValue>;
  notes: Record<string, string>;
  /** Carried-forward answers nobody has confirmed or changed yet. */
  toConfirm: string[];
  submittedBy?: string;
  reviewer?: string;
  lastReturn?: { by: string; comments: string; at: string };
  approvedBy?: string;
  assignees: Record<string, string>;
  targets: Record<string, number>;
  riskAcceptances: Record<string, { reason: string; owner: string; expiresOn: string; acceptedBy: string; acceptedAt: string }>;
}

export type AssessmentState = { status: 'not-started' } | Assessment;

export const initialState = (): AssessmentState => ({ status: 'not-started' });

/** Where answers, notes and assignments may still change: before submission, or after a return. */
export const EDITABLE: readonly AssessmentStatus[] = ['draft', 'in-progress', 'returned'];

/** Work on the answers moves a draft, or a returned assessment, (back) into progress. */
const working = (s: Assessment): AssessmentStatus => (s.status === 'draft' || s.status === 'returned' ? 'in-progress' : s.status);

const without = <T>(record: Record<string, T>, key: string) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

export function evolve(state: AssessmentState, event: AssessmentEvent): AssessmentState {
  if (event.type === 'AssessmentStarted') {
    const d = event.data;
    return {
      status: 'draft',
      assessmentId: d.assessmentId,
      frameworkId: d.frameworkId,
      frameworkVersion: d.frameworkVersion,
      title: d.title,
      startedBy: d.startedBy,
      startedAt: d.startedAt,
      updatedAt: d.startedAt,
      scope: d.scope ?? { kind: 'programme' },
      excluded: d.excluded ?? [],
      ...(d.basedOn ? { basedOn: d.basedOn } : {}),
      revision: d.revision ?? 1,
      answers: {},
      notes: {},
      toConfirm: [],
      assignees: {},
      targets: {},
      riskAcceptances: {},
    };
  }
  if (state.status === 'not-started') return state;
  const s = state;
  switch (event.type) {
    case 'AnswerRecorded': {
      const { questionId, value, note, recordedAt } = event.data;
      const notes = note === undefined ? s.notes : note ? { ...s.notes, [questionId]: note } : without(s.notes, questionId);
      // A control answered anything but "risk accepted" no longer carries its acceptance.
      const riskAcceptances = value === 'risk-accepted' ? s.riskAcceptances : without(s.riskAcceptances, questionId);
      return { ...s, status: working(s), answers: { ...s.answers, [questionId]: value }, notes, riskAcceptances, toConfirm: s.toConfirm.filter((q) => q !== questionId), updatedAt: recordedAt };
    }
    case 'AnswersImported':
      return { ...s, updatedAt: event.data.importedAt };
    case 'AnswersCarriedForward': {
      const { answers, toConfirm, carriedAt } = event.data;
      const carried = Object.keys(answers).filter((q) => answers[q] !== null);
      return { ...s, answers: { ...s.answers, ...answers }, toConfirm: toConfirm ? carried : s.toConfirm, updatedAt: carriedAt };
    }
    case 'AnswerConfirmed':
      return { ...s, status: working(s), toConfirm: s.toConfirm.filter((q) => q !== event.data.questionId), updatedAt: event.data.confirmedAt };
    case 'AssessmentSubmitted':
      return { ...s, status: 'submitted', submittedBy: event.data.submittedBy, updatedAt: event.data.submittedAt };
    case 'ReviewStarted':
      return { ...s, status: 'in-review', reviewer: event.data.reviewer, updatedAt: event.data.startedAt };
    case 'AssessmentApproved':
      return { ...s, status: 'approved', approvedBy: event.data.approvedBy, updatedAt: event.data.approvedAt };
    case 'AssessmentReturned': {
      const { returnedBy, comments, returnedAt } = event.data;
      return { ...s, status: 'returned', lastReturn: { by: returnedBy, comments, at: returnedAt }, updatedAt: returnedAt };
    }
    case 'ItemAssigned': {
      const { nodeId, assignee, assignedAt } = event.data;
      return { ...s, assignees: assignee ? { ...s.assignees, [nodeId]: assignee } : without(s.assignees, nodeId), updatedAt: assignedAt };
    }
    case 'TargetSet': {
      const { nodeId, target, setAt } = event.data;
      return { ...s, targets: target === null ? without(s.targets, nodeId) : { ...s.targets, [nodeId]: target }, updatedAt: setAt };
    }
    case 'RiskAccepted': {
      const { controlId, reason, owner, expiresOn, acceptedBy, acceptedAt } = event.data;
      return { ...s, status: working(s), riskAcceptances: { ...s.riskAcceptances, [controlId]: { reason, owner, expiresOn, acceptedBy, acceptedAt } }, updatedAt: acceptedAt };
    }
    case 'ApplicabilityChanged': {
      const { nowExcluded, nowIncluded, systemVersion, profile, changedAt } = event.data;
      const scope = s.scope.kind === 'system' ? { ...s.scope, systemVersion, profile } : s.scope;
      const replaced = new Set([...nowIncluded, ...nowExcluded.map((e) => e.nodeId)]);
      const excluded = [...s.excluded.filter((e) => !replaced.has(e.nodeId)), ...nowExcluded];
      return { ...s, scope, excluded, updatedAt: changedAt };
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
