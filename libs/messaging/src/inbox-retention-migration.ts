import { retentionSweepSql } from '@tenantry/tenant-context';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets pruneInbox find and delete expired inbox rows of every tenant (see retentionSweepSql). */
export class InboxRetention1766000000000 implements MigrationInterface {
  name = 'InboxRetention1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of retentionSweepSql('messaging.inbox', 'received_at'))
      await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY tenant_sweep ON messaging.inbox`);
    await queryRunner.query(`DROP INDEX messaging.messaging_inbox_by_received_at`);
  }
}
