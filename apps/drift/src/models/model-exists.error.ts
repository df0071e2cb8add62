import { DomainError } from '@tenantry/problem-details';

/** A model key the tenant has registered already. */
export class ModelExistsError extends DomainError {
  constructor(key: string) {
    super({
      status: 409,
      type: 'model-exists',
      title: 'Model exists',
      detail: `A model with the key "${key}" exists; features cannot change, register a new key instead.`,
      members: { key },
    });
  }
}
