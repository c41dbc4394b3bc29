import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationContext } from './migration-context';

/**
 * Crosswalk-derived scores (derived-score-entity.ts): per assessment, basis and other framework,
 * the latest set of derived values with their provenance. A derived event restates a framework's
 * whole set, so a row is replaced, never appended to; the log keeps every earlier set.
 */
export class DerivedScores1764892800000 implements MigrationInterface {
  name = 'DerivedScores1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { schema, app, tenantPolicy } = migrationContext(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.derived_scores (
        tenant_id uuid NOT NULL, assessment_id uuid NOT NULL,
        basis text NOT NULL CHECK (basis IN ('claimed', 'assured')),
        framework_id text NOT NULL, framework_version text NOT NULL,
        source_framework_id text NOT NULL, source_framework_version text NOT NULL,
        inference_id text NOT NULL, inference_version text NOT NULL,
        crosswalks jsonb NOT NULL, derived jsonb NOT NULL,
        effective_at timestamptz NOT NULL, stream_version integer NOT NULL,
        PRIMARY KEY (tenant_id, assessment_id, basis, framework_id, framework_version))`);
    await queryRunner.query(`ALTER TABLE ${schema}.derived_scores ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE ${schema}.derived_scores FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY tenant_isolation ON ${schema}.derived_scores TO ${app} ${tenantPolicy}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON ${schema}.derived_scores TO ${app}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const { schema } = migrationContext(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}.derived_scores`);
  }
}
