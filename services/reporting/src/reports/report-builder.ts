import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { IntegrationEnvelope } from '@assay/contracts';
import { envelopeOfReceived } from '../consumers/received-events';
import { InMemoryHistory } from '../history/in-memory-history';
import { definitionLookup } from '../queries/maturity-history/maturity-history.reader';
import { HistoryRepository } from '../read-models/history-repository';
import { ReadModels } from '../read-models/read-models.provider';
import { ReportFile, ReportFormat, ReportProgress, ReportRecord } from '../read-models/report-entities';
import { Branding, DEFAULT_BRANDING, ReportData, reportData } from './report-data';
import { PdfPrinter } from './print-pdf';
import { renderCsv, renderJson } from './render-json-csv';
import { renderHtml } from './render-html';
import { renderXlsx } from './render-xlsx';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** The received streams a report of this assessment reads: its own, and those of the other assessments of its scope (the trend). */
async function streamsOf(manager: EntityManager, readModels: ReadModels, assessmentId: string): Promise<string[]> {
  const history = new HistoryRepository(manager, readModels.entities);
  const assessment = await history.assessment(assessmentId);
  const ids = assessment ? (await history.scopeAssessments(assessment.frameworkId, assessment.scopeKind, assessment.systemId)).map((a) => a.assessmentId) : [assessmentId];
  if (!ids.includes(assessmentId)) ids.push(assessmentId);
  return ids.flatMap((id) => [`received-assessment-${id}`, `received-scorecard-${id}`]).sort();
}

/** The versions the streams are at now: every event up to them has committed (versions commit in order per stream). */
async function currentPositions(manager: EntityManager, schema: string, streams: string[]): Promise<Record<string, number>> {
  const rows: { stream_id: string; version: number }[] = await manager.query(`SELECT stream_id, version FROM ${schema}.streams WHERE stream_id = ANY($1) ORDER BY stream_id`, [streams]);
  return Object.fromEntries(rows.map((r) => [r.stream_id, r.version]));
}

async function eventsUpTo(manager: EntityManager, schema: string, positions: Record<string, number>): Promise<IntegrationEnvelope[]> {
  const streams = Object.keys(positions);
  if (streams.length === 0) return [];
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT e.event_id, e.tenant_id, e.stream_id, e.stream_version, e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at
     FROM ${schema}.events e JOIN jsonb_each_text($1::jsonb) p ON p.key = e.stream_id AND e.stream_version <= p.value::integer
     ORDER BY e.transaction_id, e.global_position`,
    [JSON.stringify(positions)],
  );
  return rows.map((r) =>
    envelopeOfReceived({ eventId: r.event_id as string, tenantId: r.tenant_id as string, type: r.event_type as string, schemaVersion: r.schema_version as number, data: r.data, occurredAt: r.occurred_at as Date, metadata: r.metadata as Record<string, unknown> }),
  );
}

export interface LoadedReport {
  data: ReportData;
  positions: Record<string, number>;
  branding: Branding;
}

/**
 * A report's data from its events only, in the caller's tenant transaction: the first build takes
 * the streams' current positions and the tenant's branding, a rebuild the ones its original
 * recorded, so it gives the same JSON, CSV and HTML byte for byte (and a PDF of that same HTML).
 */
export async function loadReportData(manager: EntityManager, readModels: ReadModels, report: ReportRecord): Promise<LoadedReport> {
  const positions = report.positions ?? (await currentPositions(manager, readModels.schema, await streamsOf(manager, readModels, report.assessmentId)));
  const branding = report.branding ?? (await brandingOf(manager, readModels));
  const events = await eventsUpTo(manager, readModels.schema, positions);
  const data = await reportData(new InMemoryHistory(events), definitionLookup(manager, report.tenantId, readModels.schema), { assessmentId: report.assessmentId, asOf: report.asOf, branding, positions });
  return { data, positions, branding };
}

export type RenderedFile = Omit<ReportFile, 'tenantId' | 'reportId'>;

/** Every requested format, the PDF printed from the very HTML the report holds; progress after each. */
export async function renderReport(data: ReportData, formats: ReportFormat[], printer: PdfPrinter, progress: (p: ReportProgress) => Promise<void>): Promise<RenderedFile[]> {
  let html: Buffer | undefined;
  const renderers: Record<ReportFormat, () => Promise<Buffer>> = {
    json: async () => renderJson(data),
    csv: async () => renderCsv(data),
    xlsx: () => renderXlsx(data),
    html: async () => (html ??= renderHtml(data)),
    pdf: async () => printer.print((html ??= renderHtml(data))),
  };
  const files: RenderedFile[] = [];
  for (const [i, format] of formats.entries()) {
    await progress({ stage: `rendering ${format}`, percent: Math.round(20 + (75 * i) / formats.length) });
    const content = await renderers[format]();
    files.push({ format, contentType: CONTENT_TYPES[format], byteLength: content.length, sha256: createHash('sha256').update(content).digest('hex'), content });
  }
  return files;
}

async function brandingOf(manager: EntityManager, readModels: ReadModels): Promise<Branding> {
  const row = await manager.getRepository(readModels.reports.branding).createQueryBuilder('b').getOne();
  return row ? { name: row.name, logo: row.logo, colours: { primary: row.primaryColour, accent: row.accentColour } } : DEFAULT_BRANDING;
}
