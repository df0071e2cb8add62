import { z } from 'zod';
import {
  ExactDecimal,
  exactDecimalString,
  parseQuantity,
  type ExactDecimalValue,
} from './exact-decimal';
import { nonNegativeDecimalSchema, positiveDecimalSchema } from '../decimal-string';
import { priceTiersSchema, type PriceTier } from './price-tiers';

const flatModelSchema = z
  .object({ type: z.literal('flat'), amount: nonNegativeDecimalSchema })
  .strict();

const perUnitModelSchema = z
  .object({ type: z.literal('per-unit'), unitPrice: nonNegativeDecimalSchema })
  .strict();

const graduatedModelSchema = z
  .object({ type: z.literal('graduated'), tiers: priceTiersSchema })
  .strict();

const volumeModelSchema = z.object({ type: z.literal('volume'), tiers: priceTiersSchema }).strict();

const packageModelSchema = z
  .object({
    type: z.literal('package'),
    packageSize: positiveDecimalSchema,
    packagePrice: nonNegativeDecimalSchema,
  })
  .strict();

const meteredModelSchema = z.discriminatedUnion('type', [
  perUnitModelSchema,
  graduatedModelSchema,
  volumeModelSchema,
  packageModelSchema,
]);

const freeAllowanceModelSchema = z
  .object({
    type: z.literal('free-allowance'),
    freeUnits: nonNegativeDecimalSchema,
    then: meteredModelSchema,
  })
  .strict();

/**
 * How one meter's usage in a period is priced (the minimum commitment is plan-level, see Plan):
 * - `flat`: `amount` per period, whatever the usage;
 * - `per-unit`: every unit at `unitPrice`;
 * - `graduated`: each unit at the rate of the tier it falls in, plus the flat fee of each tier reached;
 * - `volume`: every unit at the rate of the tier the total falls in, plus that tier's flat fee;
 * - `package`: `packagePrice` per started package of `packageSize` units (rounded up);
 * - `free-allowance`: the first `freeUnits` are free; the rest is priced by `then` from its first
 *   unit (the allowance comes off the bottom, so it does not shift units into cheaper tiers).
 * Zero usage costs nothing under every model but `flat`: a tier's flat fee applies once usage
 * enters the tier.
 */
export const chargeModelSchema = z.discriminatedUnion('type', [
  flatModelSchema,
  perUnitModelSchema,
  graduatedModelSchema,
  volumeModelSchema,
  packageModelSchema,
  freeAllowanceModelSchema,
]);

/** How one meter's usage in a period is priced. */
export type ChargeModel = z.infer<typeof chargeModelSchema>;

/**
 * The exact price of `quantity` units (a non-negative decimal string) under `model`, before any
 * rounding to minor units: graduated 0–1000 @0.01, 1000–10000 @0.008, above @0.005 for 12345
 * units is "93.725".
 */
export function priceUsage(model: ChargeModel, quantity: string): string {
  return exactDecimalString(exactPrice(model, parseQuantity(quantity, 'quantity')));
}

/** The exact price of a parsed quantity under `model`. */
export function exactPrice(model: ChargeModel, quantity: ExactDecimalValue): ExactDecimalValue {
  switch (model.type) {
    case 'flat':
      return new ExactDecimal(model.amount);
    case 'per-unit':
      return quantity.times(model.unitPrice);
    case 'graduated':
      return graduatedPrice(model.tiers, quantity);
    case 'volume':
      return volumePrice(model.tiers, quantity);
    case 'package':
      return packagePrice(model.packageSize, model.packagePrice, quantity);
    case 'free-allowance':
      return exactPrice(model.then, ExactDecimal.max(quantity.minus(model.freeUnits), 0));
  }
}

function graduatedPrice(
  tiers: readonly PriceTier[],
  quantity: ExactDecimalValue,
): ExactDecimalValue {
  let total = new ExactDecimal(0);
  let lower = new ExactDecimal(0);
  for (const tier of tiers) {
    if (quantity.lte(lower)) break;
    const upper = tier.upTo === null ? quantity : ExactDecimal.min(quantity, tier.upTo);
    total = total.plus(upper.minus(lower).times(tier.unitPrice)).plus(tier.flatFee ?? 0);
    if (tier.upTo === null) break;
    lower = new ExactDecimal(tier.upTo);
  }
  return total;
}

function volumePrice(tiers: readonly PriceTier[], quantity: ExactDecimalValue): ExactDecimalValue {
  if (quantity.isZero()) return new ExactDecimal(0);
  // The schema guarantees an open-ended last tier, so some tier always holds the quantity.
  const tier = tiers.find((candidate) => candidate.upTo === null || quantity.lte(candidate.upTo));
  if (tier === undefined) throw new RangeError('price tiers without an open-ended last tier');
  return quantity.times(tier.unitPrice).plus(tier.flatFee ?? 0);
}

function packagePrice(
  packageSize: string,
  price: string,
  quantity: ExactDecimalValue,
): ExactDecimalValue {
  // Integer division and remainder are exact, unlike ceil(quantity / size) on a rounded quotient.
  const whole = quantity.dividedToIntegerBy(packageSize);
  const packages = quantity.modulo(packageSize).isZero() ? whole : whole.plus(1);
  return packages.times(price);
}
