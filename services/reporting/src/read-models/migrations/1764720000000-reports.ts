import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationContext } from './migration-context';

/** Reports, their files and the tenants' branding (report-entities.ts). */
export class Reports1764720000000 implements MigrationInterface {
  name = 'Reports1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { schema, app, tenantPolicy } = migrationContext(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.reports (
        tenant_id uuid NOT NULL, report_id uuid NOT NULL, assessment_id uuid NOT NULL, as_of timestamptz NOT NULL,
        formats text[] NOT NULL, state text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')), progress jsonb NOT NULL,
        positions jsonb, branding jsonb, rebuilt_from uuid, requested_at timestamptz NOT NULL, finished_at timestamptz, error text,
        PRIMARY KEY (tenant_id, report_id))`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.report_files (
        tenant_id uuid NOT NULL, report_id uuid NOT NULL, format text NOT NULL, content_type text NOT NULL,
        byte_length integer NOT NULL, sha256 text NOT NULL, content bytea NOT NULL,
        PRIMARY KEY (tenant_id, report_id, format),
        FOREIGN KEY (tenant_id, report_id) REFERENCES ${schema}.reports (tenant_id, report_id))`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.report_branding (
        tenant_id uuid PRIMARY KEY, name text NOT NULL, logo text, primary_colour text NOT NULL, accent_colour text NOT NULL, updated_at timestamptz NOT NULL)`);
    for (const table of ['reports', 'report_files', 'report_branding']) {
      await queryRunner.query(`ALTER TABLE ${schema}.${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${schema}.${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON ${schema}.${table} TO ${app} ${tenantPolicy}`);
    }
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON ${schema}.reports, ${schema}.report_branding TO ${app}`);
    // A retried build replaces the files an interrupted attempt stored.
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON ${schema}.report_files TO ${app}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const { schema } = migrationContext(queryRunner);
    for (const table of ['report_files', 'reports', 'report_branding']) await queryRunner.query(`DROP TABLE ${schema}.${table}`);
  }
}
