import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { newTenantContext, runWithTenantContext } from '@tenantry/tenant-context';

// Accepts UUIDs, ULIDs and trace ids, nothing that could forge a log line.
const acceptableCorrelationId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Runs the rest of the request in a fresh tenant context, keeping the caller's `x-correlation-id`
 * when it is acceptable (else a new one) and echoing it in the response.
 */
@Injectable()
export class TenantContextMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const offered = request.headers['x-correlation-id'];
    const context = newTenantContext(
      typeof offered === 'string' && acceptableCorrelationId.test(offered)
        ? { correlationId: offered }
        : {},
    );
    response.setHeader('x-correlation-id', context.correlationId);
    runWithTenantContext(context, next);
  }
}
