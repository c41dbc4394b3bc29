import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationContext } from './migration-context';

/**
 * Crosswalk-derived scores (derived-score-entity.ts): per assessment, basis, other framework and
 * node, the latest derived value with its provenance, or a row marking that nothing reaches the
 * node any more (`reached` false, no value). Each row is replaced by a later event; the log keeps
 * every earlier value.
 */
export class DerivedScores1764979200000 implements MigrationInterface {
  name = 'DerivedScores1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { schema, app, tenantPolicy } = migrationContext(queryRunner);
    // A draft of this table, one row per framework (migration 1764892800000, never released), may
    // be in a development database; its rows are all in the log, and a rebuild brings them back.
    await queryRunner.query(`DROP TABLE IF EXISTS ${schema}.derived_scores`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.derived_scores (
        tenant_id uuid NOT NULL, assessment_id uuid NOT NULL,
        basis text NOT NULL CHECK (basis IN ('claimed', 'assured')),
        framework_id text NOT NULL, framework_version text NOT NULL, node_id text NOT NULL,
        source_framework_id text NOT NULL, source_framework_version text NOT NULL,
        inference_id text NOT NULL, inference_version text NOT NULL, crosswalks jsonb NOT NULL,
        reached boolean NOT NULL, attainment double precision, status text, carries_maturity boolean, conflict boolean, provenance jsonb,
        effective_at timestamptz NOT NULL, stream_version integer NOT NULL,
        PRIMARY KEY (tenant_id, assessment_id, basis, framework_id, framework_version, node_id),
        CHECK (reached = (attainment IS NOT NULL AND status IS NOT NULL AND carries_maturity IS NOT NULL AND conflict IS NOT NULL AND provenance IS NOT NULL)))`);
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
