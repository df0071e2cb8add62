import { DomainError } from '@tenantry/common';

/** Input that no drift statistic is defined for: an empty window, NaN, an infinity, a negative count. */
export class InvalidDriftInputError extends DomainError {
  constructor(detail: string) {
    super({
      status: 422,
      type: 'invalid-drift-input',
      title: 'Drift statistics cannot be computed from this input',
      detail,
    });
  }
}
