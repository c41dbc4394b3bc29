// TypeScript mirrors of contracts/events/*.schema.json. The schemas are the contract; these types
// only help producers and consumers write the same shape the validator will accept.

export interface IntegrationEnvelope<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  schemaVersion: number;
  tenantId: string;
  streamId: string;
  streamVersion: number;
  occurredAt: string;
  correlationId: string;
  causationId: string;
  traceparent?: string;
  data: Data;
}

export interface AssessmentStartedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  startedAt: string;
}

export interface AnswerRecordedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  questionId: string;
  practiceId: string;
  value: number | null;
  recordedAt: string;
}

export interface PracticeMaturityCalculatedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  scoringModelId: string;
  scoringModelVersion: string;
  practiceId: string;
  maturity: number;
  answeredQuestions: number;
  answersApplied: number;
  sourceEventId: string;
  calculatedAt: string;
}

export const IntegrationEventTypes = {
  assessmentStarted: 'assessment.started',
  answerRecorded: 'assessment.answer-recorded',
  practiceMaturityCalculated: 'scoring.practice-maturity-calculated',
} as const;
