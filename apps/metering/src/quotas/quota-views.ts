import { isGrantActive, quotaPolicySchema, type QuotaBalance } from '@tenantry/metering-core';
import { z } from 'zod';
import type { StoredGrant } from './grant-store';
import type { StoredQuotaPolicy } from './quota-policy-store';

const decimal = z.string().describe('a decimal string');
const policy = quotaPolicySchema.shape;

/** A quota as the API shows it: the policy, and who changed it last and when. */
export const quotaViewSchema = z.object({
  meterKey: policy.meterKey,
  limit: decimal,
  period: policy.period,
  enforcement: policy.enforcement,
  thresholds: z
    .array(z.number())
    .describe('fractions of the entitlement, ascending; 1 (exhausted) is always among them'),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});

/** A grant as the API shows it, and whether it counts now. */
export const grantViewSchema = z.object({
  id: z.string(),
  meterKey: z.string(),
  amount: decimal,
  effectiveAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable().describe('null: never'),
  active: z.boolean().describe('effectiveAt ≤ now < expiresAt'),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});

/** Where a quota stands in the period containing now. */
export const quotaBalanceSchema = z.object({
  meterKey: z.string(),
  enforcement: policy.enforcement,
  period: z.object({ id: z.string(), start: z.iso.datetime(), end: z.iso.datetime() }),
  limit: decimal,
  granted: decimal.describe('the grants active now'),
  used: decimal,
  remaining: decimal.describe('limit + granted - used; negative when usage overran'),
  exhausted: z.boolean(),
});

export type QuotaView = z.output<typeof quotaViewSchema>;
export type GrantView = z.output<typeof grantViewSchema>;
export type QuotaBalanceView = z.output<typeof quotaBalanceSchema>;

export function quotaView({ policy, updatedAt, updatedBy }: StoredQuotaPolicy): QuotaView {
  return { ...policy, updatedAt: updatedAt.toISOString(), updatedBy };
}

export function grantView(grant: StoredGrant, now: Date): GrantView {
  return {
    id: grant.id,
    meterKey: grant.meterKey,
    amount: grant.amount,
    effectiveAt: grant.effectiveAt.toISOString(),
    expiresAt: grant.expiresAt?.toISOString() ?? null,
    active: isGrantActive(grant, now),
    reason: grant.reason,
    createdBy: grant.createdBy,
    createdAt: grant.createdAt.toISOString(),
  };
}

export function quotaBalanceView(
  meterKey: string,
  enforcement: QuotaView['enforcement'],
  period: { id: string; start: Date; end: Date },
  figures: QuotaBalance,
): QuotaBalanceView {
  return {
    meterKey,
    enforcement,
    period: { id: period.id, start: period.start.toISOString(), end: period.end.toISOString() },
    ...figures,
  };
}
