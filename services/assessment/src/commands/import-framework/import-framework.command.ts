import { Principal } from '@assay/tenancy';
import { RequestContext } from '@assay/service-kit';

export type FrameworkUploadFormat = 'json' | 'yaml' | 'csv-overlay';

export interface CsvOverlayTarget {
  base: string;
  baseVersion: string;
  version: string;
  spdx: string;
  attribution: string;
}

export class ImportFrameworkCommand {
  constructor(
    readonly principal: Principal,
    readonly format: FrameworkUploadFormat,
    readonly text: string,
    readonly request: RequestContext,
    readonly overlay?: CsvOverlayTarget,
  ) {}
}

export interface FrameworkImported {
  id: string;
  version: string;
  nodeCount: number;
  textOrigin: string;
}
