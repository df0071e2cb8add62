export { contextAttributes, contextFromEvent, type ContextAttributes } from './kafka-headers';
export {
  serviceRoleGrantsSql,
  tenantIsolationSql,
  tenantSweepPolicySql,
  tenantSweepSetting,
} from './row-level-security';
export { deleteExpiredRows, retentionSweepSql, type RetentionRule } from './row-retention';
export {
  bindPrincipal,
  currentTenantContext,
  newTenantContext,
  requireTenantId,
  runWithTenantContext,
  type TenantContext,
} from './tenant-context';
export { bindTenant, inTenantSnapshot, inTenantTransaction } from './tenant-transaction';
export { queryRow, queryRows } from './typed-rows';
export { sweepTenants, TenantSweepError, type SweepItem, type TenantSweep } from './tenant-sweep';
