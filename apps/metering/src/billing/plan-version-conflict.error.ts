import { DomainError } from '@tenantry/problem-details';

/** A plan change that names a version other than the next one: the plan changed meanwhile. */
export class PlanVersionConflictError extends DomainError {
  constructor(nextVersion: number, named: number) {
    super({
      status: 409,
      type: 'plan-version-conflict',
      title: 'Plan version conflict',
      detail: `The next version of the plan is ${nextVersion}, not ${named}: the plan changed meanwhile.`,
      members: { nextVersion },
    });
  }
}
