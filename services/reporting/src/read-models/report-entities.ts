import { EntitySchema } from 'typeorm';
import type { Branding } from '../reports/report-data';

/**
 * Reports and their files, and each tenant's report branding. Not read models of the log: a
 * report is an artefact built from it (and rebuildable from the positions it records), so a
 * read-model rebuild leaves these tables alone. Row-level security by tenant as everywhere.
 */
export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'html' | 'pdf';
export type ReportState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ReportProgress {
  stage: string;
  percent: number;
}

export interface ReportRecord {
  tenantId: string;
  reportId: string;
  assessmentId: string;
  asOf: Date;
  formats: ReportFormat[];
  state: ReportState;
  progress: ReportProgress;
  /** Received-event stream → version: set when the report is first built, reused by its rebuilds. */
  positions: Record<string, number> | null;
  branding: Branding | null;
  rebuiltFrom: string | null;
  requestedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export interface ReportFile {
  tenantId: string;
  reportId: string;
  format: ReportFormat;
  contentType: string;
  byteLength: number;
  sha256: string;
  content: Buffer;
}

export interface BrandingRecord {
  tenantId: string;
  name: string;
  logo: string | null;
  primaryColour: string;
  accentColour: string;
  updatedAt: Date;
}

export interface ReportEntities {
  reports: EntitySchema<ReportRecord>;
  files: EntitySchema<ReportFile>;
  branding: EntitySchema<BrandingRecord>;
}

export function reportEntities(schema: string): ReportEntities {
  return {
    reports: new EntitySchema<ReportRecord>({
      name: `${schema}.Report`,
      tableName: 'reports',
      schema,
      columns: {
        tenantId: { name: 'tenant_id', type: 'uuid', primary: true },
        reportId: { name: 'report_id', type: 'uuid', primary: true },
        assessmentId: { name: 'assessment_id', type: 'uuid' },
        asOf: { name: 'as_of', type: 'timestamptz' },
        formats: { name: 'formats', type: 'text', array: true },
        state: { name: 'state', type: 'text' },
        progress: { name: 'progress', type: 'jsonb' },
        positions: { name: 'positions', type: 'jsonb', nullable: true },
        branding: { name: 'branding', type: 'jsonb', nullable: true },
        rebuiltFrom: { name: 'rebuilt_from', type: 'uuid', nullable: true },
        requestedAt: { name: 'requested_at', type: 'timestamptz' },
        finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
        error: { name: 'error', type: 'text', nullable: true },
      },
    }),
    files: new EntitySchema<ReportFile>({
      name: `${schema}.ReportFile`,
      tableName: 'report_files',
      schema,
      columns: {
        tenantId: { name: 'tenant_id', type: 'uuid', primary: true },
        reportId: { name: 'report_id', type: 'uuid', primary: true },
        format: { name: 'format', type: 'text', primary: true },
        contentType: { name: 'content_type', type: 'text' },
        byteLength: { name: 'byte_length', type: 'integer' },
        sha256: { name: 'sha256', type: 'text' },
        content: { name: 'content', type: 'bytea' },
      },
    }),
    branding: new EntitySchema<BrandingRecord>({
      name: `${schema}.ReportBranding`,
      tableName: 'report_branding',
      schema,
      columns: {
        tenantId: { name: 'tenant_id', type: 'uuid', primary: true },
        name: { name: 'name', type: 'text' },
        logo: { name: 'logo', type: 'text', nullable: true },
        primaryColour: { name: 'primary_colour', type: 'text' },
        accentColour: { name: 'accent_colour', type: 'text' },
        updatedAt: { name: 'updated_at', type: 'timestamptz' },
      },
    }),
  };
}
