import type { components } from '../../../../../contracts/openapi/generated/assessment';

export type AssessmentView = components['schemas']['Assessment'];

export class GetAssessmentQuery {
  constructor(
    readonly tenantId: string,
    readonly assessmentId: string,
  ) {}
}
