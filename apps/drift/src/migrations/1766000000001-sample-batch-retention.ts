import { retentionSweepSql } from '@tenantry/tenant-context';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets pruneSampleBatches find and delete expired batches of every tenant (see retentionSweepSql). */
export class SampleBatchRetention1766000000001 implements MigrationInterface {
  name = 'SampleBatchRetention1766000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of retentionSweepSql('drift.sample_batches', 'received_at'))
      await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY tenant_sweep ON drift.sample_batches`);
    await queryRunner.query(`DROP INDEX drift.drift_sample_batches_by_received_at`);
  }
}
