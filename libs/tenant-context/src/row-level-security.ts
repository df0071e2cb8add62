import { serviceRole } from '@tenantry/config';

/**
 * SQL for a migration that puts a tenant-owned table under row-level security: rows are
 * visible and writable only when `tenant_id` equals the transaction's `app.tenant_id`.
 * With no tenant bound, `current_setting(..., true)` is NULL and no row matches.
 */
export function tenantIsolationSql(table: string): string[] {
  const sameTenant = `tenant_id = current_setting('app.tenant_id', true)`;
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} USING (${sameTenant}) WITH CHECK (${sameTenant})`,
  ];
}

/** The setting a tenant sweep's discovery transaction turns on (see `sweepTenants`). */
export const tenantSweepSetting = 'app.tenant_sweep';

/**
 * SQL for a migration that lets a tenant sweep find work across tenants in `table`: while the
 * transaction's `app.tenant_sweep` is 'on', every row may be read (never written). Only
 * `sweepTenants` turns it on, in a read-only transaction of its own.
 */
export function tenantSweepPolicySql(table: string): string {
  return `CREATE POLICY tenant_sweep ON ${table} FOR SELECT
    USING (current_setting('${tenantSweepSetting}', true) = 'on')`;
}

/** SQL granting the service role the use of a schema's tables (run after creating them). */
export function serviceRoleGrantsSql(schema: string): string[] {
  return [
    `GRANT USAGE ON SCHEMA ${schema} TO ${serviceRole}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${serviceRole}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${serviceRole}`,
  ];
}
