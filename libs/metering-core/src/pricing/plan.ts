import { whenValid } from '@tenantry/schemas';
import { z } from 'zod';
import { currencyCodeSchema, currencyOf, isCurrencyCode } from './currency';
import { nonNegativeDecimalSchema } from '../decimal-string';
import { ExactDecimal } from './exact-decimal';
import { chargeModelSchema } from './rate-card';

// The same shape as a meter key, so a charge names a meter as the meter names itself.
const keySchema = z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'must match ^[a-z][a-z0-9_-]{0,62}$');

/** How one meter is charged in a plan. */
export const planChargeSchema = z
  .object({
    meterKey: keySchema,
    model: chargeModelSchema,
    description: z.string().min(1).max(200).optional(),
  })
  .strict();

/** How one meter is charged in a plan. */
export type PlanCharge = z.infer<typeof planChargeSchema>;

/** A fixed fee of the plan per period, tied to no meter (a platform or subscription fee). */
export const planFlatFeeSchema = z
  .object({
    key: keySchema,
    amount: nonNegativeDecimalSchema,
    description: z.string().min(1).max(200).optional(),
  })
  .strict();

/** A fixed fee of the plan per period. */
export type PlanFlatFee = z.infer<typeof planFlatFeeSchema>;

/**
 * A versioned price plan: one currency, at most one charge per meter, fixed fees, and an
 * optional minimum commitment per period (when the period's charges, fixed fees included, come
 * to less, the invoice adds the difference as a true-up line). Fixed fees and the minimum are
 * billable amounts, so they have no more fraction digits than the currency's minor unit; rates
 * may be finer (0.0004 per request).
 */
export const planSchema = z
  .object({
    key: keySchema,
    version: z.number().int().positive(),
    currency: currencyCodeSchema,
    charges: z.array(planChargeSchema),
    minimumCommitment: nonNegativeDecimalSchema.optional(),
    flatFees: z.array(planFlatFeeSchema).optional(),
  })
  .strict()
  .superRefine((plan, context) => {
    const duplicate = (keys: string[]) => keys.findIndex((key, i) => keys.indexOf(key) !== i);
    const charge = duplicate(plan.charges.map((c) => c.meterKey));
    if (charge >= 0) {
      context.addIssue({
        code: 'custom',
        path: ['charges', charge, 'meterKey'],
        message: 'a plan charges each meter once',
      });
    }
    const fees = plan.flatFees ?? [];
    const fee = duplicate(fees.map((f) => f.key));
    if (fee >= 0) {
      context.addIssue({
        code: 'custom',
        path: ['flatFees', fee, 'key'],
        message: 'flat fee keys are unique in a plan',
      });
    }
    // An unknown currency is reported by its own schema; the precision check needs a known one.
    if (!isCurrencyCode(plan.currency)) return;
    const { minorUnits } = currencyOf(plan.currency);
    const billable: Array<[string, Array<string | number>]> = fees.map((f, i) => [
      f.amount,
      ['flatFees', i, 'amount'],
    ]);
    if (plan.minimumCommitment !== undefined) {
      billable.push([plan.minimumCommitment, ['minimumCommitment']]);
    }
    for (const [amount, path] of billable) {
      if (new ExactDecimal(amount).decimalPlaces() > minorUnits) {
        context.addIssue({
          code: 'custom',
          path,
          message: `${plan.currency} amounts have at most ${minorUnits} fraction digits`,
        });
      }
    }
  }, whenValid);

/** A versioned price plan. */
export type Plan = z.infer<typeof planSchema>;
