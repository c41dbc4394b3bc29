import { RequestContext } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import type { components } from '@assay/api-types/assessment';
import { AssessmentCommand, FrameworkLookup } from '../../domain/assessment.commands';

export type AssessmentChanged = components['schemas']['AssessmentChanged'];

/**
 * Any change to one existing assessment that answers with its new status and version: lifecycle
 * steps, confirmations, assignments, targets, risk acceptances. The controller builds the domain
 * command; the handler runs it with the tenant's frameworks and maps rule errors to problems.
 */
export class ChangeAssessmentCommand {
  constructor(
    readonly principal: Principal,
    readonly assessmentId: string,
    readonly build: (frameworks: FrameworkLookup) => AssessmentCommand,
    readonly request: RequestContext,
    readonly expectedVersion?: number,
  ) {}
}
