import { stringify } from 'csv-stringify/sync';
import { ReportData } from './report-data';
import { NODE_LINE_HEADERS, nodeLines } from './report-rows';

/** Key order is the builder's, so the same data is the same bytes. */
export const renderJson = (data: ReportData): Buffer => Buffer.from(`${JSON.stringify(data, null, 2)}\n`);

/**
 * One row per node, with its gap and roadmap rank; RFC 4180 quoting by csv-stringify. Cells a
 * spreadsheet would run as formulas (a tenant-imported node named "=HYPERLINK(…)") are escaped.
 */
export function renderCsv(data: ReportData): Buffer {
  const lines = nodeLines(data);
  return Buffer.from(
    stringify(
      lines.map((line) => NODE_LINE_HEADERS.map(([key]) => line[key] ?? '')),
      { header: true, columns: NODE_LINE_HEADERS.map(([, header]) => header), record_delimiter: '\r\n', escape_formulas: true },
    ),
  );
}
