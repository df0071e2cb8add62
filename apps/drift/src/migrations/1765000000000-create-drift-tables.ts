import { serviceRoleGrantsSql, tenantIsolationSql } from '@tenantry/tenant-context';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const tenantTables = [
  'models',
  'model_references',
  'sample_batches',
  'windows',
  'statuses',
  'transitions',
];

/**
 * Every drift table; each carries its tenant and is under row-level security. The window closer
 * must find due windows of every tenant: a transaction that sets `app.window_sweep` may read
 * drift.windows across tenants (read only; it then judges each window in that tenant's context).
 */
export class CreateDriftTables1765000000000 implements MigrationInterface {
  name = 'CreateDriftTables1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE SCHEMA drift`,
      // spec: the ModelSpec of libs/drift-core; next_sequence numbers rows for count windows;
      // tracked_from_sequence: the first row counted in windows (rows before the first active
      // reference are stored but never folded, so a rebuild must skip them too); segment_values:
      // per segment field the values admitted to windows of their own, in order of admission.
      `CREATE TABLE drift.models (
         tenant_id text NOT NULL,
         model_key text NOT NULL,
         spec jsonb NOT NULL,
         active_reference integer,
         next_sequence bigint NOT NULL DEFAULT 0,
         tracked_from_sequence bigint,
         segment_values jsonb NOT NULL DEFAULT '{}',
         created_at timestamptz NOT NULL DEFAULT now(),
         created_by text NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         updated_by text NOT NULL,
         PRIMARY KEY (tenant_id, model_key)
       )`,
      // A fitted, frozen ReferenceProfile; versions count up per model and are never rewritten.
      `CREATE TABLE drift.model_references (
         tenant_id text NOT NULL,
         model_key text NOT NULL,
         version integer NOT NULL,
         profile jsonb NOT NULL,
         source jsonb NOT NULL,
         row_count integer NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         created_by text NOT NULL,
         PRIMARY KEY (tenant_id, model_key, version),
         FOREIGN KEY (tenant_id, model_key) REFERENCES drift.models ON DELETE CASCADE
       )`,
      // Every accepted batch, raw: its primary key is the exactly-once dedupe, its rows feed
      // references taken from received samples, comparisons and window rebuilds.
      `CREATE TABLE drift.sample_batches (
         tenant_id text NOT NULL,
         model_key text NOT NULL,
         batch_id text NOT NULL,
         received_at timestamptz NOT NULL,
         first_sequence bigint NOT NULL,
         row_count integer NOT NULL,
         first_time timestamptz NOT NULL,
         last_time timestamptz NOT NULL,
         rows jsonb NOT NULL,
         PRIMARY KEY (tenant_id, model_key, batch_id),
         FOREIGN KEY (tenant_id, model_key) REFERENCES drift.models ON DELETE CASCADE
       )`,
      `CREATE INDEX sample_batches_by_time ON drift.sample_batches (tenant_id, model_key, first_time)`,
      // segment: '' for the whole model, '<field>=<value>' per segment. window_index: epoch
      // seconds / window seconds for time windows, sequence / rows for count windows.
      // due_at: when the closer should judge it next: end + lateness for a time window, the moment a
      // count window fills, the moment late rows revise a closed window; null when nothing is pending.
      `CREATE TABLE drift.windows (
         tenant_id text NOT NULL,
         model_key text NOT NULL,
         segment text NOT NULL,
         window_index bigint NOT NULL,
         window_start timestamptz NOT NULL,
         window_end timestamptz NOT NULL,
         due_at timestamptz,
         reference_version integer NOT NULL,
         state jsonb NOT NULL,
         verdict jsonb,
         closed_at timestamptz,
         revised_at timestamptz,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, model_key, segment, window_index),
         FOREIGN KEY (tenant_id, model_key) REFERENCES drift.models ON DELETE CASCADE
       )`,
      `CREATE INDEX windows_due ON drift.windows (due_at) WHERE due_at IS NOT NULL`,
      // Hysteresis (DriftStatus of libs/drift-core) per model and segment, and the last window it saw.
      `CREATE TABLE drift.statuses (
         tenant_id text NOT NULL,
         model_key text NOT NULL,
         segment text NOT NULL,
         status jsonb NOT NULL,
         last_window bigint NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, model_key, segment),
         FOREIGN KEY (tenant_id, model_key) REFERENCES drift.models ON DELETE CASCADE
       )`,
      // Every event the service emitted (detected, resolved, retrain-requested): the history API.
      `CREATE TABLE drift.transitions (
         tenant_id text NOT NULL,
         event_id text NOT NULL,
         model_key text NOT NULL,
         segment text NOT NULL,
         window_index bigint NOT NULL,
         kind text NOT NULL CHECK (kind IN ('detected', 'resolved', 'retrain-requested')),
         data jsonb NOT NULL,
         occurred_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, event_id)
       )`,
      `CREATE INDEX transitions_by_model ON drift.transitions (tenant_id, model_key, occurred_at)`,
      ...tenantTables.flatMap((table) => tenantIsolationSql(`drift.${table}`)),
      `CREATE POLICY window_sweep ON drift.windows FOR SELECT
         USING (current_setting('app.window_sweep', true) = 'on')`,
      ...serviceRoleGrantsSql('drift'),
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA drift CASCADE`);
  }
}
