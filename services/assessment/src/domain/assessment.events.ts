import { AnswerValue, Exclusion } from '@assay/frameworks';

/** Domain events of the Assessment aggregate. Private to this service; see to-integration-events.ts. */

/** What is assessed: the organisation's programme, or one AI system as its profile stood. */
export type AssessmentScope =
  | { kind: 'programme' }
  | { kind: 'system'; systemId: string; systemVersion: number; profile: Record<string, boolean | string> };

/** The assessment this one starts from: a revision of an approved one, or a re-assessment of its scope. */
export type BasedOn = { assessmentId: string; kind: 'revision' | 'reassessment'; revision: number };

export type AssessmentStarted = {
  type: 'AssessmentStarted';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    title: string;
    startedBy: string;
    startedAt: string;
    /** Absent on assessments started before scopes existed: the programme. */
    scope?: AssessmentScope;
    /** Items out of scope for the system, with reasons; answers to them are kept, never scored. */
    excluded?: Exclusion[];
    basedOn?: BasedOn;
    /** 1 for a first assessment; a revision counts up from the one it revises. */
    revision?: number;
  };
};

export type AnswerRecorded = {
  type: 'AnswerRecorded';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    /** The answerable node of the pinned framework version (a question, category, control…). */
    questionId: string;
    /** Only on answers recorded before any framework could be assessed (AIMA's practice); never read. */
    practiceId?: string;
    /** On the node's own answer scale; null = "to evaluate" (cleared). */
    value: AnswerValue;
    note?: string;
    recordedBy: string;
    recordedAt: string;
  };
};

/** Marks a bulk import; its answers follow as AnswerRecorded events in the same append. */
export type AnswersImported = {
  type: 'AnswersImported';
  data: {
    assessmentId: string;
    source: { kind: string; sha256: string; byteLength: number };
    answersInFile: number;
    answersChanged: number;
    importedBy: string;
    importedAt: string;
  };
};

/** Answers taken over from the assessment this one is based on; "to confirm" on a re-assessment. */
export type AnswersCarriedForward = {
  type: 'AnswersCarriedForward';
  data: { assessmentId: string; frameworkId: string; frameworkVersion: string; from: string; answers: Record<string, AnswerValue>; toConfirm: boolean; carriedAt: string };
};

export type AnswerConfirmed = { type: 'AnswerConfirmed'; data: { assessmentId: string; questionId: string; confirmedBy: string; confirmedAt: string } };

export type AssessmentSubmitted = { type: 'AssessmentSubmitted'; data: { assessmentId: string; submittedBy: string; submittedAt: string } };
export type ReviewStarted = { type: 'ReviewStarted'; data: { assessmentId: string; reviewer: string; startedAt: string } };
export type AssessmentApproved = { type: 'AssessmentApproved'; data: { assessmentId: string; approvedBy: string; comment?: string; approvedAt: string } };
export type AssessmentReturned = { type: 'AssessmentReturned'; data: { assessmentId: string; returnedBy: string; comments: string; returnedAt: string } };

export type ItemAssigned = { type: 'ItemAssigned'; data: { assessmentId: string; nodeId: string; assignee: string | null; assignedBy: string; assignedAt: string } };
export type TargetSet = { type: 'TargetSet'; data: { assessmentId: string; nodeId: string; target: number | null; setBy: string; setAt: string } };
export type RiskAccepted = {
  type: 'RiskAccepted';
  data: { assessmentId: string; controlId: string; reason: string; owner: string; expiresOn: string; acceptedBy: string; acceptedAt: string };
};

/** The system's profile changed while the assessment was open: what came into and went out of scope. */
export type ApplicabilityChanged = {
  type: 'ApplicabilityChanged';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    systemVersion: number;
    profile: Record<string, boolean | string>;
    nowExcluded: Exclusion[];
    nowIncluded: string[];
    /** The whole new list of excluded nodes. */
    excludedNodes: string[];
    changedAt: string;
  };
};

export type AssessmentEvent =
  | AssessmentStarted
  | AnswerRecorded
  | AnswersImported
  | AnswersCarriedForward
  | AnswerConfirmed
  | AssessmentSubmitted
  | ReviewStarted
  | AssessmentApproved
  | AssessmentReturned
  | ItemAssigned
  | TargetSet
  | RiskAccepted
  | ApplicabilityChanged;
