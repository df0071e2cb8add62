export {
  bindPrincipal,
  currentTenantContext,
  newTenantContext,
  requireTenantId,
  runWithTenantContext,
  type TenantContext,
} from './tenant-context';
