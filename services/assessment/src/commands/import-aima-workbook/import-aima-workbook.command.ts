import { Principal } from '@assay/tenancy';
import { RequestContext } from '@assay/service-kit';
import type { components } from '@assay/api-types/assessment';

export type WorkbookImported = components['schemas']['WorkbookImported'];

export class ImportAimaWorkbookCommand {
  constructor(
    readonly principal: Principal,
    readonly assessmentId: string,
    readonly file: Buffer,
    readonly request: RequestContext,
  ) {}
}
