import { DomainError } from '@tenantry/problem-details';

/** The meter has no quota (it may exist; its grants may still be on record). */
export class QuotaNotFoundError extends DomainError {
  constructor(meterKey: string) {
    super({
      status: 404,
      type: 'quota-not-found',
      title: 'Quota not found',
      detail: `Meter "${meterKey}" has no quota.`,
      members: { meterKey },
    });
  }
}
