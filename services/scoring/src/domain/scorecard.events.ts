/** Domain events of the Scorecard aggregate (one per assessment). Private to the scoring service. */
export type PracticeMaturityCalculated = {
  type: 'PracticeMaturityCalculated';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    scoringModelId: string;
    scoringModelVersion: string;
    practiceId: string;
    /** The answer that triggered the calculation, kept so the state can be rebuilt from events. */
    questionId: string;
    value: number | null;
    maturity: number;
    answeredQuestions: number;
    answersApplied: number;
    sourceEventId: string;
    calculatedAt: string;
  };
};

export type ScorecardEvent = PracticeMaturityCalculated;

export type ApplyAnswer = {
  type: 'ApplyAnswer';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    questionId: string;
    practiceId: string;
    value: number | null;
    sourceEventId: string;
    now: Date;
  };
};

export type ScorecardCommand = ApplyAnswer;
