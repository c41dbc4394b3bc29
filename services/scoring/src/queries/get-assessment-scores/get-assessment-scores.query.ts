import type { components } from '@assay/api-types/scoring';

export type AssessmentScores = components['schemas']['AssessmentScores'];

export class GetAssessmentScoresQuery {
  constructor(
    readonly tenantId: string,
    readonly assessmentId: string,
  ) {}
}
