import { rfc3339InstantSchema } from '@tenantry/schemas';
import { z } from 'zod';
import { positiveDecimalSchema } from './decimal-string';
import { parseUsageDecimal, UsageDecimal, usageDecimalString } from './usage-value';

const instant = z.union([z.date(), rfc3339InstantSchema]);

/**
 * A grant (credit) that raises a quota's entitlement by `amount` in every period while it is
 * active, from `effectiveAt` (inclusive) until `expiresAt` (exclusive; never when absent).
 * It is not a balance carried from period to period: usage is counted per quota period.
 */
export const grantSchema = z
  .object({
    id: z.string().min(1).max(256),
    amount: positiveDecimalSchema,
    effectiveAt: instant,
    expiresAt: instant.optional(),
  })
  .refine((grant) => grant.expiresAt === undefined || grant.expiresAt > grant.effectiveAt, {
    message: 'a grant must expire after it takes effect',
    path: ['expiresAt'],
  });

/** A grant of extra usage on one meter's quota, with an optional expiry. */
export type Grant = z.output<typeof grantSchema>;

/** Whether `grant` counts at `at`: effectiveAt ≤ at < expiresAt. */
export function isGrantActive(grant: Grant, at: Date): boolean {
  return grant.effectiveAt <= at && (grant.expiresAt === undefined || at < grant.expiresAt);
}

/** The sum of the grants active at `at`, a decimal string ('0' when none). */
export function grantedAt(grants: readonly Grant[], at: Date): string {
  return usageDecimalString(
    grants
      .filter((grant) => isGrantActive(grant, at))
      .reduce((total, grant) => total.plus(parseUsageDecimal(grant.amount)), new UsageDecimal(0)),
  );
}
