import { Principal } from '@assay/tenancy';
import { RequestContext } from '@assay/service-kit';
import type { components } from '@assay/api-types/assessment';

export type WorkbookImported = components['schemas']['WorkbookImported'];

/** A filled workbook in a publisher's layout (`format` is its slug, see WORKBOOK_FORMATS). */
export class ImportWorkbookCommand {
  constructor(
    readonly principal: Principal,
    readonly assessmentId: string,
    readonly format: string,
    readonly file: Buffer,
    readonly request: RequestContext,
  ) {}
}
