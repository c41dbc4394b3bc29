import { Principal } from '@assay/tenancy';
import { RequestContext } from '@assay/service-kit';
import type { components } from '@assay/api-types/assessment';

export type StartAssessmentRequest = components['schemas']['StartAssessmentRequest'];
export type AssessmentCreated = components['schemas']['AssessmentCreated'];

export class StartAssessmentCommand {
  constructor(
    readonly principal: Principal,
    readonly body: StartAssessmentRequest,
    readonly request: RequestContext,
  ) {}
}
