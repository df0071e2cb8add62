export * from './tokens';
export { AuthModule } from './auth.module';
export { CurrentPrincipal } from './current-principal.decorator';
export { InternalAuthGuard } from './internal-auth.guard';
export { Roles, requiredRolesKey } from './roles.decorator';
export { TenantContextMiddleware } from './tenant-context.middleware';
