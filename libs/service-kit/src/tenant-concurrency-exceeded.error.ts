import { DomainError } from '@tenantry/common';

// A second is long enough for most expensive requests of the same tenant to finish.
const retryAfterSeconds = 1;

/** The tenant already has as many expensive requests in flight on this instance as it may. */
export class TenantConcurrencyExceededError extends DomainError {
  constructor(limit: number) {
    super({
      status: 429,
      type: 'too-many-concurrent-requests',
      title: 'Too many concurrent requests',
      detail:
        `The tenant already has ${limit} expensive request(s) in flight, the most it may have ` +
        'at once; retry when one has been answered.',
      members: { limit },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}
