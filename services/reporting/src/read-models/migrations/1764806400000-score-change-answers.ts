import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationContext } from './migration-context';

/**
 * How many items were answered, and answer events applied, as of each claimed score change: the
 * history's own record of progress, and what lets a rebuild work out each scorecard from the
 * history tables instead of from the log a second time. Null on assured changes and on rows
 * written before (their scorecards carry the figures).
 */
export class ScoreChangeAnswers1764806400000 implements MigrationInterface {
  name = 'ScoreChangeAnswers1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { schema } = migrationContext(queryRunner);
    await queryRunner.query(`ALTER TABLE ${schema}.score_changes ADD COLUMN answered_questions integer, ADD COLUMN answers_applied integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const { schema } = migrationContext(queryRunner);
    await queryRunner.query(`ALTER TABLE ${schema}.score_changes DROP COLUMN answered_questions, DROP COLUMN answers_applied`);
  }
}
