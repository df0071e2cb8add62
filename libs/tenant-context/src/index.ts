export { contextAttributes, contextFromEvent, type ContextAttributes } from './kafka-headers';
export { serviceRoleGrantsSql, tenantIsolationSql } from './row-level-security';
export {
  deleteExpiredRows,
  retentionSweepSql,
  schedulePruning,
  type RetentionRule,
} from './row-retention';
export {
  bindPrincipal,
  currentTenantContext,
  newTenantContext,
  requireTenantId,
  runWithTenantContext,
  type TenantContext,
} from './tenant-context';
export { bindTenant, inTenantTransaction } from './tenant-transaction';
