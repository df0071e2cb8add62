import { tenantSweepPolicySql } from '@tenantry/tenant-context';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cost-cap rollover finds the open breakers of every tenant through the one tenant sweep of
 * tenant-context (`app.tenant_sweep`) instead of a setting of its own (`app.cap_sweep`).
 */
export class TenantSweep1764300000000 implements MigrationInterface {
  name = 'TenantSweep1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY cap_rollover_sweep ON metering.cost_cap_states`);
    await queryRunner.query(tenantSweepPolicySql('metering.cost_cap_states'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY tenant_sweep ON metering.cost_cap_states`);
    await queryRunner.query(
      `CREATE POLICY cap_rollover_sweep ON metering.cost_cap_states FOR SELECT
         USING (current_setting('app.cap_sweep', true) = 'on')`,
    );
  }
}
