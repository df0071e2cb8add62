/**
 * Every role a Tenantry service checks with `@Roles()`: what the gateway and `tenantry dev
 * token` may put in a token. Add a role here when a service starts checking it.
 */
export const knownRoles: readonly string[] = Object.freeze([
  'metering:read',
  'metering:write',
  'metering:admin',
  'metering:invoice',
  'drift:read',
  'drift:write',
  'drift:admin',
]);
