import { RequestContext } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import type { components } from '@assay/api-types/assessment';

export type AiSystemRequest = components['schemas']['AiSystemRequest'];
export type AiSystemChangeRequest = components['schemas']['AiSystemChangeRequest'];
export type AiSystemView = components['schemas']['AiSystem'];

export class RegisterAiSystemCommand {
  constructor(readonly principal: Principal, readonly body: AiSystemRequest, readonly request: RequestContext) {}
}

export class ChangeAiSystemCommand {
  constructor(
    readonly principal: Principal,
    readonly systemId: string,
    readonly change: { kind: 'change'; body: AiSystemChangeRequest } | { kind: 'archive' },
    readonly request: RequestContext,
    readonly expectedVersion?: number,
  ) {}
}
