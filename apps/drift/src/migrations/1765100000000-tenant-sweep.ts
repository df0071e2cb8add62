import { tenantSweepPolicySql } from '@tenantry/tenant-context';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The window closer finds due windows of every tenant through the one tenant sweep of
 * tenant-context (`app.tenant_sweep`) instead of a setting of its own (`app.window_sweep`).
 */
export class TenantSweep1765100000000 implements MigrationInterface {
  name = 'TenantSweep1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY window_sweep ON drift.windows`);
    await queryRunner.query(tenantSweepPolicySql('drift.windows'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY tenant_sweep ON drift.windows`);
    await queryRunner.query(
      `CREATE POLICY window_sweep ON drift.windows FOR SELECT
         USING (current_setting('app.window_sweep', true) = 'on')`,
    );
  }
}
