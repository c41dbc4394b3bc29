export type StartAssessment = {
  type: 'StartAssessment';
  data: { assessmentId: string; frameworkId: string; frameworkVersion: string; title: string; startedBy: string; now: Date };
};

export type RecordAnswer = {
  type: 'RecordAnswer';
  data: { assessmentId: string; questionId: string; value: number | null; recordedBy: string; now: Date };
};

export type AssessmentCommand = StartAssessment | RecordAnswer;
