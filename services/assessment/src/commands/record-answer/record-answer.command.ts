import { Principal } from '@assay/tenancy';
import { RequestContext } from '@assay/service-kit';
import type { components } from '../../../../../contracts/openapi/generated/assessment';

export type RecordAnswerRequest = components['schemas']['RecordAnswerRequest'];
export type AnswerRecordedResponse = components['schemas']['AnswerRecorded'];

export class RecordAnswerCommand {
  constructor(
    readonly principal: Principal,
    readonly assessmentId: string,
    readonly questionId: string,
    readonly body: RecordAnswerRequest,
    readonly request: RequestContext,
    readonly expectedVersion?: number,
  ) {}
}
