import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationContext } from './migration-context';

/**
 * The maturity-history tables (history-entities.ts): every score event kept, per basis, so a
 * scorecard can be read as of any instant; the assessments and their targets beside them.
 * Runs as the schema's owner role; the application role may only read and append under forced
 * row-level security, by the tenant its transaction set.
 */
export class MaturityHistory1764633600000 implements MigrationInterface {
  name = 'MaturityHistory1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { schema, app, tenantPolicy } = migrationContext(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.history_assessments (
        tenant_id uuid NOT NULL, assessment_id uuid NOT NULL,
        framework_id text NOT NULL, framework_version text NOT NULL,
        scope_kind text NOT NULL CHECK (scope_kind IN ('programme', 'system')), system_id uuid,
        based_on_assessment_id uuid, based_on_kind text,
        started_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, assessment_id))`);
    await queryRunner.query(`CREATE INDEX history_assessments_by_scope ON ${schema}.history_assessments (tenant_id, framework_id, scope_kind, system_id, started_at)`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.node_targets (
        tenant_id uuid NOT NULL, assessment_id uuid NOT NULL, node_id text NOT NULL,
        stream_version integer NOT NULL, target double precision, set_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, assessment_id, node_id, stream_version))`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.score_changes (
        tenant_id uuid NOT NULL, assessment_id uuid NOT NULL,
        basis text NOT NULL CHECK (basis IN ('claimed', 'assured')), stream_version integer NOT NULL,
        effective_at timestamptz NOT NULL,
        framework_id text NOT NULL, framework_version text NOT NULL,
        scoring_model_id text NOT NULL, scoring_model_version text NOT NULL,
        overall_score double precision, overall_min double precision NOT NULL, overall_max double precision NOT NULL,
        overall_answered integer NOT NULL, overall_items integer NOT NULL,
        cause jsonb, event_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, assessment_id, basis, stream_version))`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.node_changes (
        tenant_id uuid NOT NULL, assessment_id uuid NOT NULL,
        basis text NOT NULL CHECK (basis IN ('claimed', 'assured')), node_id text NOT NULL, stream_version integer NOT NULL,
        effective_at timestamptz NOT NULL,
        parent_id text, kind text NOT NULL, name text NOT NULL, position integer NOT NULL,
        score double precision, min double precision NOT NULL, max double precision NOT NULL,
        answered integer NOT NULL, items integer NOT NULL, out_of_scope boolean NOT NULL,
        PRIMARY KEY (tenant_id, assessment_id, basis, node_id, stream_version))`);
    for (const table of ['history_assessments', 'node_targets', 'score_changes', 'node_changes']) {
      await queryRunner.query(`ALTER TABLE ${schema}.${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${schema}.${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON ${schema}.${table} TO ${app} ${tenantPolicy}`);
    }
    // History is appended, never rewritten; an assessment's row is restated by a repeated start.
    await queryRunner.query(`GRANT SELECT, INSERT ON ${schema}.score_changes, ${schema}.node_changes, ${schema}.node_targets TO ${app}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON ${schema}.history_assessments TO ${app}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const { schema } = migrationContext(queryRunner);
    for (const table of ['node_changes', 'score_changes', 'node_targets', 'history_assessments']) await queryRunner.query(`DROP TABLE ${schema}.${table}`);
  }
}
