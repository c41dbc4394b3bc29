import type { components } from '@assay/api-types/assessment';

export type AssessmentView = components['schemas']['Assessment'];

export class GetAssessmentQuery {
  constructor(
    readonly tenantId: string,
    readonly assessmentId: string,
  ) {}
}
