import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';
import { principalOf } from './request-principal';

/** Injects the authenticated caller into a handler parameter. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (!principal)
      throw new Error(
        '@CurrentPrincipal() used on a route that is not authenticated (is it @Public()?)',
      );
    return principal;
  },
);
