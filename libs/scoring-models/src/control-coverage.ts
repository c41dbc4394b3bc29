import { ScoringInputError } from './scoring-error';

/**
 * Control coverage: implemented 1, partial 0.5, not 0 over the applicable controls. Not-applicable
 * controls leave the denominator; a control whose risk was formally accepted leaves it too but is
 * listed, so an accepted risk never reads as a control in place.
 */
export const CONTROL_COVERAGE = { id: 'control-coverage', version: '1.0.0' } as const;
export const CONTROL_STATUSES = ['implemented', 'partial', 'not-implemented', 'not-applicable', 'risk-accepted'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

const CREDIT: Partial<Record<ControlStatus, number>> = { implemented: 1, partial: 0.5, 'not-implemented': 0 };

export interface CoverageResult {
  /** 0–1; undefined when no control is applicable. */
  coverage: number | undefined;
  applicable: number;
  riskAccepted: string[];
  notApplicable: string[];
}

export function controlCoverage(controls: Readonly<Record<string, ControlStatus | null>>): CoverageResult {
  let credit = 0;
  let applicable = 0;
  const riskAccepted: string[] = [];
  const notApplicable: string[] = [];
  for (const [id, status] of Object.entries(controls)) {
    if (status === null) {
      applicable++; // unanswered counts as not implemented
      continue;
    }
    if (!CONTROL_STATUSES.includes(status)) throw new ScoringInputError(id, `status must be one of ${CONTROL_STATUSES.join(', ')}; got ${String(status)}`);
    if (status === 'not-applicable') notApplicable.push(id);
    else if (status === 'risk-accepted') riskAccepted.push(id);
    else {
      applicable++;
      credit += CREDIT[status]!;
    }
  }
  return { coverage: applicable === 0 ? undefined : credit / applicable, applicable, riskAccepted, notApplicable };
}
