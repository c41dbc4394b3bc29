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
    questionId: string;
    practiceId: string;
    /** 0–3 on the AIMA toolkit scale; null = "to evaluate" (cleared). */
    value: number | null;
    recordedBy: string;
    recordedAt: string;
  };
};

/** Marks a bulk import; its answers follow as AnswerRecorded events in the same append. */
export type AnswersImported = {
  type: 'AnswersImported';
  data: {
    assessmentId: string;
    source: { kind: 'aima-workbook'; sha256: string; byteLength: number };
    answersInFile: number;
    answersChanged: number;
    importedBy: string;
    importedAt: string;
  };
};

export type AssessmentEvent = AssessmentStarted | AnswerRecorded | AnswersImported;
