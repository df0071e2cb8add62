import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { trustedPublicKeys, type AuthSettings } from './auth-settings';
import { InternalAuthGuard } from './internal-auth.guard';
import { InternalTokenVerifier } from './internal-token-verifier';
import { TenantContextMiddleware } from './tenant-context.middleware';

/**
 * Authenticates every HTTP request of a service: opens the tenant context and verifies the internal
 * token (global guard). `AuthModule.forRoot(config)` in the app module, next to `ProblemDetailsModule`,
 * which answers the refusals (401, 403) as problem+json.
 */
@Module({})
export class AuthModule implements NestModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        {
          provide: InternalTokenVerifier,
          useValue: new InternalTokenVerifier(trustedPublicKeys(settings)),
        },
        { provide: APP_GUARD, useClass: InternalAuthGuard },
      ],
      exports: [InternalTokenVerifier],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TenantContextMiddleware).forRoutes('*');
  }
}
