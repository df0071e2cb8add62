import { DomainError } from '@tenantry/problem-details';

/** A meter key the tenant has already defined (archived meters keep their key). */
export class MeterExistsError extends DomainError {
  constructor(key: string) {
    super({
      status: 409,
      type: 'meter-exists',
      title: 'Meter exists',
      detail: `A meter with the key "${key}" exists; change it with PUT /v1/meters/${key}.`,
      members: { key },
    });
  }
}
