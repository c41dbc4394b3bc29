import { fileTypeFromBuffer } from 'file-type';
import { CONTENT_TYPES } from './content-type';

const OFFICE = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

/**
 * DOCX, XLSX or PPTX, or a plain ZIP: told apart by the entries inside (file-type reads the
 * archive's content-types part), so only after the archive guard has accepted the archive.
 */
export async function zipContentType(archive: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(archive);
  return detected && OFFICE.has(detected.mime) ? detected.mime : CONTENT_TYPES.zip;
}
