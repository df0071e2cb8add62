import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql, tenantSweepPolicySql } from '@tenantry/tenant-context';

/**
 * Binds the outbox to tenants like every other table: a tenant's transaction sees and changes
 * only its own rows. The relay reads every tenant's rows through the read-only tenant sweep
 * policy and deletes what it published tenant by tenant (outbox-relay.ts).
 */
export class BindOutboxToTenants1766000000002 implements MigrationInterface {
  name = 'BindOutboxToTenants1766000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP POLICY outbox_write_own_tenant ON messaging.outbox`,
      `DROP POLICY outbox_relay_read ON messaging.outbox`,
      `DROP POLICY outbox_relay_delete ON messaging.outbox`,
      ...tenantIsolationSql('messaging.outbox'),
      tenantSweepPolicySql('messaging.outbox'),
    ]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP POLICY tenant_isolation ON messaging.outbox`,
      `DROP POLICY tenant_sweep ON messaging.outbox`,
      `CREATE POLICY outbox_write_own_tenant ON messaging.outbox FOR INSERT
         WITH CHECK (tenant_id = current_setting('app.tenant_id', true))`,
      `CREATE POLICY outbox_relay_read ON messaging.outbox FOR SELECT USING (true)`,
      `CREATE POLICY outbox_relay_delete ON messaging.outbox FOR DELETE USING (true)`,
    ]) {
      await queryRunner.query(statement);
    }
  }
}
