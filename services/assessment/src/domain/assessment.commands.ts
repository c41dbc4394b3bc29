export type StartAssessment = {
  type: 'StartAssessment';
  data: { assessmentId: string; frameworkId: string; frameworkVersion: string; title: string; startedBy: string; now: Date };
};

export type RecordAnswer = {
  type: 'RecordAnswer';
  data: { assessmentId: string; questionId: string; value: number | null; recordedBy: string; now: Date };
};

/** Many answers at once (a workbook import): all accepted together or none. */
export type ImportAnswers = {
  type: 'ImportAnswers';
  data: {
    assessmentId: string;
    answers: Record<string, number | null>;
    source: { kind: 'aima-workbook'; sha256: string; byteLength: number };
    importedBy: string;
    now: Date;
  };
};

export type AssessmentCommand = StartAssessment | RecordAnswer | ImportAnswers;
