import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiResponse } from '@nestjs/swagger';
import { currentTenantContext } from '@tenantry/tenant-context';
import { finalize, type Observable } from 'rxjs';
import type { TenantConcurrency } from './tenant-concurrency';
import { TenantConcurrencyExceededError } from './tenant-concurrency-exceeded.error';

const expensiveOperationKey = 'tenantry:expensive-operation';

/** The per-tenant slots of this service instance's expensive operations. */
export const expensiveOperationSlots = Symbol('expensiveOperationSlots');

/**
 * Marks a handler whose requests are expensive (large uploads, scans, reports): a tenant may have
 * at most EXPENSIVE_REQUESTS_PER_TENANT of them in flight on one instance, together, and gets 429
 * `too-many-concurrent-requests` with `Retry-After` beyond that; other tenants are not affected.
 */
export const ExpensiveOperation = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(expensiveOperationKey, true),
    ApiResponse({
      status: 429,
      description:
        '`too-many-concurrent-requests`: the tenant has as many expensive requests in flight as ' +
        'it may; retry after `Retry-After` seconds',
    }),
  );

/** Enforces `@ExpensiveOperation()` (the service kit installs it for every route). */
@Injectable()
export class ExpensiveOperationInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(expensiveOperationSlots) private readonly slots: TenantConcurrency,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const expensive = this.reflector.get<boolean | undefined>(
      expensiveOperationKey,
      context.getHandler(),
    );
    // The auth guard has bound the principal's tenant by now; expensive routes are never public.
    const tenantId = currentTenantContext()?.tenantId;
    if (!expensive || tenantId === undefined) return next.handle();
    const release = this.slots.acquire(tenantId);
    if (!release) throw new TenantConcurrencyExceededError(this.slots.limit);
    return next.handle().pipe(finalize(release));
  }
}
