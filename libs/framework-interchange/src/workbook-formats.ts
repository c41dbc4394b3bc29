import { FrameworkDefinition, OWASP_AIMA, shippedFramework } from '@assay/frameworks';
import { ImportedWorkbook, readAimaWorkbook, writeAimaWorkbook } from './aima-workbook';

/**
 * Spreadsheet layouts a publisher ships for one framework version, by the slug the API names them
 * with. Services look formats up here and never name a framework themselves.
 */
export interface WorkbookFormat {
  slug: string;
  framework: { id: string; version: string };
  read(data: Buffer): Promise<ImportedWorkbook>;
  write(answers: Readonly<Record<string, number | string | null>>, definition: FrameworkDefinition): Promise<Buffer>;
}

export const WORKBOOK_FORMATS: readonly WorkbookFormat[] = [
  {
    slug: 'aima-workbook',
    framework: OWASP_AIMA,
    read: readAimaWorkbook,
    write: (answers, definition) => writeAimaWorkbook(answers as Record<string, number | null>, definition),
  },
];

export function workbookFormat(slug: string): WorkbookFormat | undefined {
  return WORKBOOK_FORMATS.find((f) => f.slug === slug);
}

/** The definition a format was made for (shipped), for callers that hold no definition of their own. */
export function workbookDefinition(format: WorkbookFormat): FrameworkDefinition | undefined {
  return shippedFramework(format.framework.id, format.framework.version);
}
