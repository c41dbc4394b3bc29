import { AnswerValue } from '@assay/frameworks';

/** Domain events of the Assessment aggregate. Private to this service; see to-integration-events.ts. */
export type AssessmentStarted = {
  type: 'AssessmentStarted';
  data: { assessmentId: string; frameworkId: string; frameworkVersion: string; title: string; startedBy: string; startedAt: string };
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

export type AssessmentEvent = AssessmentStarted | AnswerRecorded | AnswersImported;
