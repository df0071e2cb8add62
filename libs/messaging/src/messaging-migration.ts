import type { MigrationInterface, QueryRunner } from 'typeorm';
import { serviceRoleGrantsSql, tenantIsolationSql } from '@tenantry/tenant-context';

/**
 * The outbox (events waiting for the relay) and the inbox (events a consumer has
 * applied) of one service's database. Every service lists this migration first.
 */
export class CreateMessagingTables1764000000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS messaging`,
      `CREATE TABLE messaging.outbox (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         tenant_id text NOT NULL,
         topic text NOT NULL,
         message_key text NOT NULL,
         headers jsonb NOT NULL,
         payload bytea NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      // Writers may only add rows for their own tenant; the relay reads and deletes
      // every tenant's rows, so reading and deleting are not tenant-bound.
      `ALTER TABLE messaging.outbox ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE messaging.outbox FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY outbox_write_own_tenant ON messaging.outbox FOR INSERT
         WITH CHECK (tenant_id = current_setting('app.tenant_id', true))`,
      `CREATE POLICY outbox_relay_read ON messaging.outbox FOR SELECT USING (true)`,
      `CREATE POLICY outbox_relay_delete ON messaging.outbox FOR DELETE USING (true)`,
      `CREATE TABLE messaging.inbox (
         consumer text NOT NULL,
         tenant_id text NOT NULL,
         event_source text NOT NULL,
         event_id text NOT NULL,
         topic text NOT NULL,
         partition integer NOT NULL,
         "offset" bigint NOT NULL,
         received_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (consumer, tenant_id, event_source, event_id)
       )`,
      ...tenantIsolationSql('messaging.inbox'),
      ...serviceRoleGrantsSql('messaging'),
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA messaging CASCADE`);
  }
}
