import type { IncomingMessage } from 'node:http';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { publicRouteKey } from '@tenantry/route-access';
import { bindPrincipal } from '@tenantry/tenant-context';
import { AuthenticationError } from './authentication-error';
import { InsufficientRoleError } from './insufficient-role-error';
import { InternalTokenVerifier } from './internal-token-verifier';
import { attachPrincipal } from './request-principal';
import { requiredRolesKey } from './roles.decorator';

const bearerToken = /^Bearer +(\S+) *$/i;

/**
 * Global guard: every route needs a valid internal token unless it is `@Public()`, and the roles of
 * `@Roles()` when present. Binds the principal into the tenant context of the request.
 */
@Injectable()
export class InternalAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: InternalTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Only HTTP requests carry internal tokens; events carry their tenant in their own headers.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(publicRouteKey, targets)) return true;

    const request = context.switchToHttp().getRequest<IncomingMessage>();
    const token = bearerToken.exec(request.headers.authorization ?? '')?.[1];
    if (!token)
      throw new AuthenticationError('missing-token', 'The request carries no bearer token');
    const principal = await this.verifier.verify(token);
    bindPrincipal(principal);
    attachPrincipal(request, principal);

    const requiredRoles =
      this.reflector.getAllAndOverride<string[] | undefined>(requiredRolesKey, targets) ?? [];
    if (requiredRoles.length > 0 && !requiredRoles.some((role) => principal.roles.includes(role))) {
      throw new InsufficientRoleError(requiredRoles);
    }
    return true;
  }
}
