import { buildZip } from './zip-writer';

export const LYING_DECLARED_BYTES = 1000;
export const LYING_INFLATED_BYTES = 200 * 1024 * 1024;

/**
 * The upload that taught us to count: an .xlsx-shaped zip (about 200 KB) whose worksheet declares
 * 1,000 bytes uncompressed but inflates to 200 MB of zeros. A guard that believes the central
 * directory lets it through, and exceljs (JSZip) then inflates all of it in memory.
 */
export function lyingArchive(inflatedBytes = LYING_INFLATED_BYTES): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', content: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/worksheets/sheet1.xml', content: { zeros: inflatedBytes }, declaredSize: LYING_DECLARED_BYTES },
  ]);
}
