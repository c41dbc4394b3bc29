import type { components } from '@assay/api-types/reporting';

export type ScorecardView = components['schemas']['Scorecard'];

/** assessmentId undefined = the tenant's most recently updated scorecard. */
export class GetScorecardQuery {
  constructor(
    readonly tenantId: string,
    readonly assessmentId?: string,
  ) {}
}
