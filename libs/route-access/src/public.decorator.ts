import { type CustomDecorator, SetMetadata } from '@nestjs/common';

/** Metadata key of `@Public()`. */
export const publicRouteKey = 'tenantry:public-route';

/** Opens a route or controller to unauthenticated callers (health, metrics). */
export function Public(): CustomDecorator<string> {
  return SetMetadata(publicRouteKey, true);
}
