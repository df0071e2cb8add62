import { whenValid } from '@tenantry/schemas';
import { z } from 'zod';
import { nonNegativeDecimalSchema, positiveDecimalSchema } from '../decimal-string';
import { ExactDecimal } from './exact-decimal';

/**
 * One tier of a tiered price: the units above the previous tier's `upTo` up to and including
 * this `upTo` (null: no upper end). `flatFee` is charged once when usage reaches the tier.
 */
export const priceTierSchema = z
  .object({
    upTo: positiveDecimalSchema.nullable(),
    unitPrice: nonNegativeDecimalSchema,
    flatFee: nonNegativeDecimalSchema.optional(),
  })
  .strict();

/** One tier of a tiered price. */
export type PriceTier = z.infer<typeof priceTierSchema>;

/**
 * Tiers from zero upwards: each starts where the previous one ends, bounds strictly increase,
 * and only the last one is open-ended, so every quantity falls in exactly one tier.
 */
export const priceTiersSchema = z
  .array(priceTierSchema)
  .min(1)
  .superRefine((tiers, context) => {
    tiers.forEach((tier, index) => {
      const last = index === tiers.length - 1;
      if (last !== (tier.upTo === null)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'upTo'],
          message: last
            ? 'the last tier has no upper bound (upTo: null)'
            : 'only the last tier may be open-ended',
        });
        return;
      }
      const previous = index > 0 ? tiers[index - 1]?.upTo : null;
      if (tier.upTo !== null && previous != null) {
        if (new ExactDecimal(tier.upTo).lte(previous)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'upTo'],
            message: `must be greater than the previous tier's upTo (${previous})`,
          });
        }
      }
    });
  }, whenValid);
