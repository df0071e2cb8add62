import fc from 'fast-check';
import { ExactDecimal } from './exact-decimal';
import type { PriceTier } from './price-tiers';
import { PricingError } from './pricing-error';
import { chargeModelSchema, priceUsage, type ChargeModel } from './rate-card';

const exampleTiers: PriceTier[] = [
  { upTo: '1000', unitPrice: '0.01' },
  { upTo: '10000', unitPrice: '0.008' },
  { upTo: null, unitPrice: '0.005' },
];
const graduated: ChargeModel = { type: 'graduated', tiers: exampleTiers };
const volume: ChargeModel = { type: 'volume', tiers: exampleTiers };

/** A non-negative decimal string with up to `maxScale` fraction digits, built without the code under test. */
const decimalString = (max: bigint, maxScale: number) =>
  fc.tuple(fc.bigInt({ min: 0n, max }), fc.integer({ min: 0, max: maxScale })).map(([n, scale]) => {
    if (scale === 0) return n.toString();
    const digits = n.toString().padStart(scale + 1, '0');
    return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  });
const quantity = decimalString(10n ** 9n, 3);
const rate = decimalString(10n ** 6n, 4);

/** Tiers with positive widths, non-negative rates and optional flat fees. */
const tiers = fc
  .array(
    fc.record({
      width: decimalString(10n ** 6n, 2).filter((w) => !new ExactDecimal(w).isZero()),
      unitPrice: rate,
      flatFee: fc.option(rate, { nil: undefined }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((specs) => {
    let bound = new ExactDecimal(0);
    return specs.map(({ width, unitPrice, flatFee }, index): PriceTier => {
      bound = bound.plus(width);
      return {
        upTo: index === specs.length - 1 ? null : bound.toFixed(),
        unitPrice,
        ...(flatFee === undefined ? {} : { flatFee }),
      };
    });
  });

const price = (model: ChargeModel, q: string) => new ExactDecimal(priceUsage(model, q));
const ordered = fc
  .tuple(quantity, quantity)
  .map(([a, b]) => (new ExactDecimal(a).lte(b) ? [a, b] : [b, a]) as [string, string]);

describe('priceUsage', () => {
  it('prices the graduated example tier by tier: 10 + 72 + 11.725 = 93.725', () => {
    expect(priceUsage(graduated, '12345')).toBe('93.725');
    expect(priceUsage(graduated, '1000')).toBe('10');
    expect(priceUsage(graduated, '1000.5')).toBe('10.004');
    expect(priceUsage(graduated, '0')).toBe('0');
  });

  it('charges a tier flat fee once usage enters the tier, not before', () => {
    const model: ChargeModel = {
      type: 'graduated',
      tiers: [
        { upTo: '100', unitPrice: '0', flatFee: '5' },
        { upTo: null, unitPrice: '0.1', flatFee: '2' },
      ],
    };
    expect(priceUsage(model, '0')).toBe('0');
    expect(priceUsage(model, '1')).toBe('5');
    expect(priceUsage(model, '100')).toBe('5');
    expect(priceUsage(model, '101')).toBe('7.1');
  });

  it('prices all units at the rate of the tier the total falls in (volume), upper bounds inclusive', () => {
    expect(priceUsage(volume, '12345')).toBe('61.725');
    expect(priceUsage(volume, '1000')).toBe('10');
    expect(priceUsage(volume, '0')).toBe('0');
    const withFlat: ChargeModel = {
      type: 'volume',
      tiers: [
        { upTo: '10', unitPrice: '1', flatFee: '3' },
        { upTo: null, unitPrice: '0.5', flatFee: '4' },
      ],
    };
    expect(priceUsage(withFlat, '10')).toBe('13');
    expect(priceUsage(withFlat, '12')).toBe('10');
  });

  it('shows the volume cliff: with falling rates, 1,001 units cost less than 1,000', () => {
    expect(priceUsage(volume, '1001')).toBe('8.008');
    expect(new ExactDecimal(priceUsage(volume, '1001')).lt(priceUsage(volume, '1000'))).toBe(true);
  });

  it('prices every unit at the unit price, exactly', () => {
    expect(priceUsage({ type: 'per-unit', unitPrice: '0.0004' }, '1234.5')).toBe('0.4938');
    expect(priceUsage({ type: 'per-unit', unitPrice: '0.1' }, '3')).toBe('0.3');
    expect(
      priceUsage(
        { type: 'per-unit', unitPrice: '0.000000001' },
        '123456789012345678901234567890.123456789',
      ),
    ).toBe('123456789012345678901.234567890123456789');
  });

  it('charges a flat fee whatever the usage', () => {
    const model: ChargeModel = { type: 'flat', amount: '49' };
    expect(priceUsage(model, '0')).toBe('49');
    expect(priceUsage(model, '1000000')).toBe('49');
  });

  it('charges every started package in full', () => {
    const model: ChargeModel = { type: 'package', packageSize: '1000', packagePrice: '2' };
    expect(priceUsage(model, '0')).toBe('0');
    expect(priceUsage(model, '1')).toBe('2');
    expect(priceUsage(model, '1000')).toBe('2');
    expect(priceUsage(model, '1000.001')).toBe('4');
    expect(priceUsage({ type: 'package', packageSize: '0.5', packagePrice: '3' }, '1.25')).toBe(
      '9',
    );
  });

  it('takes a free allowance off the bottom before the model prices the rest', () => {
    const perUnit: ChargeModel = {
      type: 'free-allowance',
      freeUnits: '1000',
      then: { type: 'per-unit', unitPrice: '0.01' },
    };
    expect(priceUsage(perUnit, '999')).toBe('0');
    expect(priceUsage(perUnit, '1000')).toBe('0');
    expect(priceUsage(perUnit, '1500')).toBe('5');
    const tiered: ChargeModel = { type: 'free-allowance', freeUnits: '1000', then: graduated };
    expect(priceUsage(tiered, '13345')).toBe('93.725');
  });

  it.each(['-1', '1e3', ' 1', 'NaN', 'Infinity', '', '1.', '0x10'])(
    'refuses %j as a quantity',
    (q) => {
      expect(() => priceUsage(graduated, q)).toThrow(PricingError);
    },
  );
});

describe('chargeModelSchema', () => {
  it('accepts each model and refuses a free allowance on a flat fee or another allowance', () => {
    const perUnit = { type: 'per-unit', unitPrice: '0.01' };
    for (const model of [
      { type: 'flat', amount: '10' },
      perUnit,
      graduated,
      volume,
      { type: 'package', packageSize: '100', packagePrice: '1' },
      { type: 'free-allowance', freeUnits: '100', then: perUnit },
    ]) {
      expect(chargeModelSchema.safeParse(model).success).toBe(true);
    }
    for (const then of [
      { type: 'flat', amount: '10' },
      { type: 'free-allowance', freeUnits: '1', then: perUnit },
    ]) {
      expect(
        chargeModelSchema.safeParse({ type: 'free-allowance', freeUnits: '100', then }).success,
      ).toBe(false);
    }
  });

  it('refuses an empty package and negative prices', () => {
    expect(
      chargeModelSchema.safeParse({ type: 'package', packageSize: '0', packagePrice: '1' }).success,
    ).toBe(false);
    expect(chargeModelSchema.safeParse({ type: 'per-unit', unitPrice: '-0.01' }).success).toBe(
      false,
    );
    expect(chargeModelSchema.safeParse({ type: 'flat', amount: 10 }).success).toBe(false);
  });
});

describe('pricing properties', () => {
  it('graduated pricing never falls as usage grows', () => {
    fc.assert(
      fc.property(tiers, ordered, (t, [low, high]) => {
        const model: ChargeModel = { type: 'graduated', tiers: t };
        expect(price(model, low).lte(price(model, high))).toBe(true);
      }),
    );
  });

  it('volume pricing never falls as usage grows when rates and flat fees do not fall from tier to tier', () => {
    const rising = tiers.map((t) => {
      const byRate = [...t].sort((a, b) => new ExactDecimal(a.unitPrice).comparedTo(b.unitPrice));
      const byFee = t
        .map((tier) => tier.flatFee ?? '0')
        .sort((a, b) => new ExactDecimal(a).comparedTo(b));
      return t.map((tier, i) => ({
        upTo: tier.upTo,
        unitPrice: byRate[i]!.unitPrice,
        flatFee: byFee[i]!,
      }));
    });
    fc.assert(
      fc.property(rising, ordered, (t, [low, high]) => {
        const model: ChargeModel = { type: 'volume', tiers: t };
        expect(price(model, low).lte(price(model, high))).toBe(true);
      }),
    );
  });

  it('a graduated price is the sum over tiers of the units in each tier at its rate, plus the fees of tiers reached', () => {
    fc.assert(
      fc.property(tiers, quantity, (t, q) => {
        let lower = new ExactDecimal(0);
        let expected = new ExactDecimal(0);
        for (const tier of t) {
          const width = tier.upTo === null ? null : new ExactDecimal(tier.upTo).minus(lower);
          const above = ExactDecimal.max(new ExactDecimal(q).minus(lower), 0);
          const units = width === null ? above : ExactDecimal.min(above, width);
          expected = expected.plus(units.times(tier.unitPrice));
          if (above.gt(0)) expected = expected.plus(tier.flatFee ?? 0);
          if (tier.upTo !== null) lower = new ExactDecimal(tier.upTo);
        }
        expect(priceUsage({ type: 'graduated', tiers: t }, q)).toBe(
          expected.isZero() ? '0' : expected.toFixed(),
        );
      }),
    );
  });

  it('package pricing is a step function: k full packages plus any part of one cost k + 1 packages', () => {
    fc.assert(
      fc.property(
        decimalString(10n ** 6n, 3).filter((n) => !new ExactDecimal(n).isZero()),
        rate,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 999 }),
        (size, packagePrice, whole, thousandths) => {
          const part = new ExactDecimal(size).times(thousandths).dividedBy(1000);
          const q = new ExactDecimal(size).times(whole).plus(part).toFixed();
          const packages = thousandths === 0 ? whole : whole + 1;
          expect(price({ type: 'package', packageSize: size, packagePrice }, q).toFixed()).toBe(
            new ExactDecimal(packagePrice).times(packages).toFixed(),
          );
        },
      ),
    );
  });

  it('a free allowance never makes a price negative, nor higher than without it', () => {
    const metered = fc.oneof(
      rate.map((unitPrice): ChargeModel => ({ type: 'per-unit', unitPrice })),
      tiers.map((t): ChargeModel => ({ type: 'graduated', tiers: t })),
      fc
        .tuple(
          decimalString(10n ** 4n, 2).filter((n) => n !== '0' && !/^0\.0+$/.test(n)),
          rate,
        )
        .map(([packageSize, packagePrice]): ChargeModel => ({
          type: 'package',
          packageSize,
          packagePrice,
        })),
    );
    fc.assert(
      fc.property(metered, quantity, quantity, (then, freeUnits, q) => {
        if (then.type === 'flat' || then.type === 'free-allowance') return;
        const withAllowance = price({ type: 'free-allowance', freeUnits, then }, q);
        expect(withAllowance.gte(0)).toBe(true);
        expect(withAllowance.lte(price(then, q))).toBe(true);
      }),
    );
  });

  it('prices a period the same however its usage is split into events and ordered', () => {
    fc.assert(
      fc.property(
        tiers,
        fc.array(decimalString(10n ** 12n, 12), { minLength: 1, maxLength: 50 }),
        fc.func(fc.integer()),
        (t, events, sortKey) => {
          const total = (list: string[]) =>
            list.reduce((sum, q) => sum.plus(q), new ExactDecimal(0)).toFixed();
          const shuffled = [...events].sort((a, b) => sortKey(a) - sortKey(b));
          const model: ChargeModel = { type: 'graduated', tiers: t };
          expect(priceUsage(model, total(shuffled))).toBe(priceUsage(model, total(events)));
        },
      ),
    );
  });
});
