import { Principal } from '@assay/tenancy';
import { RequestContext } from '@assay/service-kit';
import type { components } from '@assay/api-types/assessment';

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
