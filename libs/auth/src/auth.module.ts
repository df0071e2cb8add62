import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ProblemDetailsModule } from '@tenantry/problem-details';
import { trustedPublicKeys, type AuthSettings } from './auth-settings';
import { InternalAuthGuard } from './internal-auth.guard';
import { InternalTokenVerifier } from './internal-token-verifier';
import { TenantContextMiddleware } from './tenant-context.middleware';

/**
 * Authenticates every HTTP request of a service: opens the tenant context, verifies the internal
 * token (global guard) and answers refusals as problem+json. `AuthModule.forRoot(config)` in the app module.
 */
@Module({})
export class AuthModule implements NestModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [ProblemDetailsModule],
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
