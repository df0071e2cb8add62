import { DomainError } from '@tenantry/problem-details';

/** The two models cannot be compared: a prediction is missing or of another kind, or a side has no rows. */
export class ComparisonNotPossibleError extends DomainError {
  constructor(detail: string) {
    super({
      status: 422,
      type: 'comparison-not-possible',
      title: 'The models cannot be compared',
      detail,
    });
  }
}
