import { type CustomDecorator, SetMetadata } from '@nestjs/common';

/** Metadata key of `@Roles()`. */
export const requiredRolesKey = 'tenantry:required-roles';

/**
 * Lets a caller through when it holds ANY of `roles` (e.g. `@Roles('metering:write')`); others get 403.
 * On a handler it replaces the controller's requirement.
 */
export function Roles(...roles: string[]): CustomDecorator<string> {
  return SetMetadata(requiredRolesKey, roles);
}
