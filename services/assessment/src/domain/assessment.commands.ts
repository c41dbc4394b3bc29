import { AnswerValue, FrameworkDefinition } from '@assay/frameworks';
import { AssessmentScope } from './assessment.events';
import { Assessment } from './assessment.state';

/**
 * The framework versions the tenant can see, looked up synchronously so the decider stays pure.
 * undefined for a version the lookup does not hold (see FrameworkNotLoaded).
 */
export type FrameworkLookup = (id: string, version: string) => FrameworkDefinition | undefined;

type By = { by: string; now: Date };
type On<T> = { type: T; data: { assessmentId: string } & By };

export type StartAssessment = {
  type: 'StartAssessment';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    title: string;
    startedBy: string;
    now: Date;
    frameworks: FrameworkLookup;
    scope?: AssessmentScope;
    /** The assessment this one continues, as it stands: a revision of it, or a re-assessment of its scope. */
    basedOn?: { kind: 'revision' | 'reassessment'; source: Assessment };
  };
};

export type RecordAnswer = {
  type: 'RecordAnswer';
  data: { assessmentId: string; questionId: string; value: AnswerValue; note?: string; recordedBy: string; now: Date; frameworks: FrameworkLookup };
};

/** Many answers at once (a workbook or questionnaire import): all accepted together or none. */
export type ImportAnswers = {
  type: 'ImportAnswers';
  data: {
    assessmentId: string;
    answers: Record<string, AnswerValue>;
    /** Notes given with some of the answers (an answer file's note column). */
    notes?: Record<string, string>;
    /** The framework version a workbook layout belongs to; the import is refused for any other. */
    madeFor?: { id: string; version: string };
    /** kind names the file format, e.g. a workbook layout or "csv"; the file itself is not kept here. */
    source: { kind: string; sha256: string; byteLength: number };
    importedBy: string;
    now: Date;
    frameworks: FrameworkLookup;
  };
};

export type ConfirmAnswer = { type: 'ConfirmAnswer'; data: { assessmentId: string; questionId: string } & By };
export type SubmitAssessment = On<'SubmitAssessment'>;
export type StartReview = On<'StartReview'>;
export type ApproveAssessment = { type: 'ApproveAssessment'; data: { assessmentId: string; comment?: string } & By };
export type ReturnAssessment = { type: 'ReturnAssessment'; data: { assessmentId: string; comments: string } & By };
export type AssignItem = { type: 'AssignItem'; data: { assessmentId: string; nodeId: string; assignee: string | null; frameworks: FrameworkLookup } & By };
export type SetTarget = { type: 'SetTarget'; data: { assessmentId: string; nodeId: string; target: number | null; frameworks: FrameworkLookup } & By };
export type AcceptRisk = {
  type: 'AcceptRisk';
  data: { assessmentId: string; controlId: string; reason: string; owner: string; expiresOn: string; frameworks: FrameworkLookup } & By;
};
export type ReevaluateApplicability = {
  type: 'ReevaluateApplicability';
  data: { assessmentId: string; systemVersion: number; profile: Record<string, boolean | string>; now: Date; frameworks: FrameworkLookup };
};

export type AssessmentCommand =
  | StartAssessment
  | RecordAnswer
  | ImportAnswers
  | ConfirmAnswer
  | SubmitAssessment
  | StartReview
  | ApproveAssessment
  | ReturnAssessment
  | AssignItem
  | SetTarget
  | AcceptRisk
  | ReevaluateApplicability;
