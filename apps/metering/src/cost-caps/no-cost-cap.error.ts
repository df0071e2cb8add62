import { DomainError } from '@tenantry/problem-details';

/** The tenant has no cost cap to read or remove. */
export class NoCostCapError extends DomainError {
  constructor() {
    super({
      status: 404,
      type: 'no-cost-cap',
      title: 'No cost cap',
      detail: 'The tenant has no cost cap: PUT /v1/cost-cap sets one.',
    });
  }
}
