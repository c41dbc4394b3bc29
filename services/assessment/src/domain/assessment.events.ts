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

export type AssessmentEvent = AssessmentStarted | AnswerRecorded;
