import { DomainError } from '@tenantry/common';

/** 403: the caller is authenticated but holds none of the roles the operation needs. */
export class InsufficientRoleError extends DomainError {
  constructor(readonly requiredRoles: readonly string[]) {
    super({
      status: 403,
      type: 'insufficient-role',
      title: 'Insufficient role',
      detail: `This operation needs one of the roles: ${requiredRoles.join(', ')}.`,
      members: { requiredRoles },
      headers: { 'www-authenticate': 'Bearer realm="tenantry", error="insufficient_scope"' },
    });
  }
}
