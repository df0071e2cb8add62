import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each cost-cap breaker transition of a period is numbered (1, 2, …) in its state row: the
 * number is the natural key of the `cap.reached` / `cap.cleared` event it emits, whose ce_id is
 * `<type>/<tenant>/<period>/<number>`.
 */
export class CostCapTransitionCount1764400000000 implements MigrationInterface {
  name = 'CostCapTransitionCount1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE metering.cost_cap_states ADD COLUMN transitions integer NOT NULL DEFAULT 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE metering.cost_cap_states DROP COLUMN transitions`);
  }
}
