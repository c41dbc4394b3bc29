import { AnswerValue, FrameworkDefinition } from '@assay/frameworks';

/**
 * The framework versions the tenant can see, looked up synchronously so the decider stays pure.
 * undefined for a version the lookup does not hold (see FrameworkNotLoaded).
 */
export type FrameworkLookup = (id: string, version: string) => FrameworkDefinition | undefined;

export type StartAssessment = {
  type: 'StartAssessment';
  data: { assessmentId: string; frameworkId: string; frameworkVersion: string; title: string; startedBy: string; now: Date; frameworks: FrameworkLookup };
};

export type RecordAnswer = {
  type: 'RecordAnswer';
  data: { assessmentId: string; questionId: string; value: AnswerValue; recordedBy: string; now: Date; frameworks: FrameworkLookup };
};

/** Many answers at once (a workbook or questionnaire import): all accepted together or none. */
export type ImportAnswers = {
  type: 'ImportAnswers';
  data: {
    assessmentId: string;
    answers: Record<string, AnswerValue>;
    /** The framework version a workbook layout belongs to; the import is refused for any other. */
    madeFor?: { id: string; version: string };
    /** kind names the file format, e.g. a workbook layout or "csv"; the file itself is not kept here. */
    source: { kind: string; sha256: string; byteLength: number };
    importedBy: string;
    now: Date;
    frameworks: FrameworkLookup;
  };
};

export type AssessmentCommand = StartAssessment | RecordAnswer | ImportAnswers;
