import { serviceRoleGrantsSql, tenantIsolationSql } from '@tenantry/tenant-context';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const tenantTables = [
  'tenant_settings',
  'meters',
  'events',
  'usage_buckets',
  'usage_distinct_values',
  'event_conflicts',
  'corrections',
  'ingest_stats',
  'quota_policies',
  'grants',
  'quota_notices',
  'cost_caps',
  'cost_cap_states',
  'plans',
  'invoices',
  'invoice_adjustments',
];

/** Every metering table; each carries its tenant and is under row-level security. */
export class CreateMeteringTables1764100000000 implements MigrationInterface {
  name = 'CreateMeteringTables1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE SCHEMA metering`,
      `CREATE TABLE metering.tenant_settings (
         tenant_id text PRIMARY KEY,
         time_zone text NOT NULL DEFAULT 'UTC',
         lateness_limit_days integer NOT NULL DEFAULT 35 CHECK (lateness_limit_days BETWEEN 0 AND 3650),
         unknown_event_types text NOT NULL DEFAULT 'accept' CHECK (unknown_event_types IN ('accept', 'reject')),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      // A meter change is a new version effective from a minute on; earlier usage keeps the
      // version it was measured with, so history is never rewritten.
      `CREATE TABLE metering.meters (
         tenant_id text NOT NULL,
         key text NOT NULL,
         version integer NOT NULL,
         event_type text NOT NULL,
         definition jsonb NOT NULL,
         effective_from timestamptz NOT NULL,
         archived boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL DEFAULT now(),
         created_by text NOT NULL,
         PRIMARY KEY (tenant_id, key, version)
       )`,
      `CREATE INDEX meters_by_event_type ON metering.meters (tenant_id, event_type)`,
      // The raw events: their primary key is the exact, permanent dedupe.
      `CREATE TABLE metering.events (
         tenant_id text NOT NULL,
         source text NOT NULL,
         event_id text NOT NULL,
         type text NOT NULL,
         subject text NOT NULL,
         time timestamptz NOT NULL,
         data jsonb NOT NULL,
         payload_hash text NOT NULL,
         received_at timestamptz NOT NULL,
         voided_at timestamptz,
         revision integer NOT NULL DEFAULT 0,
         PRIMARY KEY (tenant_id, source, event_id)
       )`,
      `CREATE INDEX events_by_type_and_time ON metering.events (tenant_id, type, time)`,
      `CREATE TABLE metering.usage_buckets (
         tenant_id text NOT NULL,
         meter_key text NOT NULL,
         bucket_start timestamptz NOT NULL,
         subject text NOT NULL,
         group_key text NOT NULL,
         meter_version integer NOT NULL,
         count numeric NOT NULL,
         sum numeric NOT NULL,
         min numeric,
         max numeric,
         latest_value numeric,
         latest_time timestamptz,
         latest_tiebreak text,
         PRIMARY KEY (tenant_id, meter_key, bucket_start, subject, group_key)
       )`,
      `CREATE TABLE metering.usage_distinct_values (
         tenant_id text NOT NULL,
         meter_key text NOT NULL,
         bucket_start timestamptz NOT NULL,
         subject text NOT NULL,
         group_key text NOT NULL,
         value text NOT NULL,
         PRIMARY KEY (tenant_id, meter_key, bucket_start, subject, group_key, value)
       )`,
      `CREATE TABLE metering.event_conflicts (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         tenant_id text NOT NULL,
         source text NOT NULL,
         event_id text NOT NULL,
         payload jsonb NOT NULL,
         payload_hash text NOT NULL,
         received_at timestamptz NOT NULL
       )`,
      `CREATE TABLE metering.corrections (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         tenant_id text NOT NULL,
         source text NOT NULL,
         event_id text NOT NULL,
         action text NOT NULL CHECK (action IN ('void', 'amend')),
         actor text NOT NULL,
         reason text NOT NULL,
         before jsonb NOT NULL,
         after jsonb,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE TABLE metering.ingest_stats (
         tenant_id text PRIMARY KEY,
         accepted bigint NOT NULL DEFAULT 0,
         duplicate bigint NOT NULL DEFAULT 0,
         conflict bigint NOT NULL DEFAULT 0,
         rejected bigint NOT NULL DEFAULT 0,
         late bigint NOT NULL DEFAULT 0,
         last_event_time timestamptz,
         last_received_at timestamptz
       )`,
      `CREATE TABLE metering.quota_policies (
         tenant_id text NOT NULL,
         meter_key text NOT NULL,
         policy jsonb NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         updated_by text NOT NULL,
         PRIMARY KEY (tenant_id, meter_key)
       )`,
      `CREATE TABLE metering.grants (
         tenant_id text NOT NULL,
         grant_id text NOT NULL,
         meter_key text NOT NULL,
         amount numeric NOT NULL CHECK (amount > 0),
         effective_at timestamptz NOT NULL,
         expires_at timestamptz,
         reason text NOT NULL,
         created_by text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, grant_id)
       )`,
      // One row per threshold per period: the unique key makes each notice exactly once.
      `CREATE TABLE metering.quota_notices (
         tenant_id text NOT NULL,
         meter_key text NOT NULL,
         period_id text NOT NULL,
         threshold numeric NOT NULL,
         kind text NOT NULL,
         emitted_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, meter_key, period_id, threshold)
       )`,
      `CREATE TABLE metering.cost_caps (
         tenant_id text PRIMARY KEY,
         amount numeric NOT NULL CHECK (amount >= 0),
         currency text NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         updated_by text NOT NULL
       )`,
      `CREATE TABLE metering.cost_cap_states (
         tenant_id text NOT NULL,
         period_id text NOT NULL,
         state text NOT NULL CHECK (state IN ('closed', 'open', 'half-open')),
         spend numeric NOT NULL,
         changed_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, period_id)
       )`,
      `CREATE TABLE metering.plans (
         tenant_id text NOT NULL,
         version integer NOT NULL,
         plan jsonb NOT NULL,
         effective_from text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         created_by text NOT NULL,
         PRIMARY KEY (tenant_id, version)
       )`,
      `CREATE TABLE metering.invoices (
         tenant_id text NOT NULL,
         period_id text NOT NULL,
         currency text NOT NULL,
         invoice jsonb NOT NULL,
         total numeric NOT NULL,
         finalized_at timestamptz NOT NULL DEFAULT now(),
         finalized_by text NOT NULL,
         PRIMARY KEY (tenant_id, period_id)
       )`,
      // Usage that reached a period after its invoice was final: billed on a later invoice.
      `CREATE TABLE metering.invoice_adjustments (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         tenant_id text NOT NULL,
         meter_key text NOT NULL,
         original_period_id text NOT NULL,
         quantity numeric NOT NULL,
         reason text NOT NULL,
         source text NOT NULL,
         event_id text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         billed_in_period_id text
       )`,
      ...tenantTables.flatMap((table) => tenantIsolationSql(`metering.${table}`)),
      ...serviceRoleGrantsSql('metering'),
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA metering CASCADE`);
  }
}
