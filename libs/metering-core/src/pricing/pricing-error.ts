import { DomainError } from '@tenantry/common';

/** What a pricing rule refuses. */
export type PricingFailure =
  | 'invalid-decimal'
  | 'invalid-usage-quantity'
  | 'unknown-currency'
  | 'currency-mismatch'
  | 'unknown-finalized-period';

const titles: Record<PricingFailure, string> = {
  'invalid-decimal': 'Not a decimal amount',
  'invalid-usage-quantity': 'Invalid usage quantity',
  'unknown-currency': 'Unknown currency',
  'currency-mismatch': 'Currency mismatch',
  'unknown-finalized-period': 'Unknown finalized period',
};

/** 422: the values given to a pricing rule cannot be priced. */
export class PricingError extends DomainError {
  constructor(
    readonly failure: PricingFailure,
    detail: string,
  ) {
    super({ status: 422, type: failure, title: titles[failure], detail });
  }
}
