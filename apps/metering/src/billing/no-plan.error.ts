import { DomainError } from '@tenantry/problem-details';

/** No version of the tenant's plan prices the period. */
export class NoPlanError extends DomainError {
  constructor(periodId: string) {
    super({
      status: 404,
      type: 'no-plan',
      title: 'No plan',
      detail: `No plan is in effect for ${periodId}: PUT /v1/plan with effectiveFrom ${periodId} or earlier.`,
    });
  }
}
