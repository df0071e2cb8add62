import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two additions for billing and cost caps:
 * - An invoice adjustment is the change of a closed period's usage, so it names an event only
 *   when a late event caused it; a correction (void, amend) leaves source and event_id empty
 *   (metering.corrections holds its audit trail).
 * - The cost-cap breaker must half-open when a billing period ends even for a tenant the gateway
 *   blocks, from which no usage arrives. The sweep that does it must find the open breakers of
 *   every tenant: a transaction that sets `app.cap_sweep` may read cost_cap_states across
 *   tenants (read only; everything else stays bound to `app.tenant_id`).
 */
export class BillingAdjustmentsAndCapSweep1764200000000 implements MigrationInterface {
  name = 'BillingAdjustmentsAndCapSweep1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE metering.invoice_adjustments ALTER COLUMN source DROP NOT NULL`,
      `ALTER TABLE metering.invoice_adjustments ALTER COLUMN event_id DROP NOT NULL`,
      `CREATE INDEX invoice_adjustments_by_period
         ON metering.invoice_adjustments (tenant_id, original_period_id, meter_key)`,
      `CREATE POLICY cap_rollover_sweep ON metering.cost_cap_states FOR SELECT
         USING (current_setting('app.cap_sweep', true) = 'on')`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `DROP POLICY cap_rollover_sweep ON metering.cost_cap_states`,
      `DROP INDEX metering.invoice_adjustments_by_period`,
      `UPDATE metering.invoice_adjustments SET source = coalesce(source, ''), event_id = coalesce(event_id, '')`,
      `ALTER TABLE metering.invoice_adjustments ALTER COLUMN event_id SET NOT NULL`,
      `ALTER TABLE metering.invoice_adjustments ALTER COLUMN source SET NOT NULL`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
