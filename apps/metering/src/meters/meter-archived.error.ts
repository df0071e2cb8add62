import { DomainError } from '@tenantry/problem-details';

/** Archiving a meter whose latest version is archived already. */
export class MeterArchivedError extends DomainError {
  constructor(key: string) {
    super({
      status: 409,
      type: 'meter-archived',
      title: 'Meter archived',
      detail: `Meter "${key}" is archived already.`,
      members: { key },
    });
  }
}
