import { DomainError } from '@tenantry/problem-details';

/** The tenant has no model with this key (or it belongs to another tenant, which is the same to the caller). */
export class ModelNotFoundError extends DomainError {
  constructor(key: string) {
    super({
      status: 404,
      type: 'model-not-found',
      title: 'Model not found',
      detail: `No model has the key "${key}".`,
      members: { key },
    });
  }
}
