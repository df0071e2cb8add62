import { DomainError } from '@tenantry/problem-details';

/** The tenant has no meter with this key (a meter of another tenant is the same to the caller). */
export class MeterNotFoundError extends DomainError {
  constructor(key: string) {
    super({
      status: 404,
      type: 'meter-not-found',
      title: 'Meter not found',
      detail: `No meter has the key "${key}".`,
      members: { key },
    });
  }
}
