import type { components } from '../../../../../contracts/openapi/generated/scoring';

export type AssessmentScores = components['schemas']['AssessmentScores'];

export class GetAssessmentScoresQuery {
  constructor(
    readonly tenantId: string,
    readonly assessmentId: string,
  ) {}
}
