import fc from 'fast-check';
import { ExactDecimal } from './exact-decimal';
import { previewInvoice, type Invoice, type LateUsage } from './invoice';
import type { Plan } from './plan';
import { PricingError } from './pricing-error';
import type { ChargeModel } from './rate-card';

const apiCallTiers: ChargeModel = {
  type: 'graduated',
  tiers: [
    { upTo: '1000', unitPrice: '0.01' },
    { upTo: '10000', unitPrice: '0.008' },
    { upTo: null, unitPrice: '0.005' },
  ],
};

const growth: Plan = {
  key: 'growth',
  version: 3,
  currency: 'USD',
  flatFees: [{ key: 'platform', amount: '49.00', description: 'Platform fee' }],
  charges: [
    { meterKey: 'api_calls', model: apiCallTiers },
    {
      meterKey: 'storage_gb',
      model: { type: 'per-unit', unitPrice: '0.023' },
      description: 'Storage (GB-month)',
    },
    { meterKey: 'exports', model: { type: 'package', packageSize: '100', packagePrice: '1.50' } },
    {
      meterKey: 'seats',
      model: {
        type: 'free-allowance',
        freeUnits: '3',
        then: { type: 'per-unit', unitPrice: '10' },
      },
    },
  ],
  minimumCommitment: '200.00',
};

// February was billed under an older version: API calls at a flat 0.02, a minimum of 100.
const growthV2: Plan = {
  key: 'growth',
  version: 2,
  currency: 'USD',
  charges: [{ meterKey: 'api_calls', model: { type: 'per-unit', unitPrice: '0.02' } }],
  minimumCommitment: '100',
};

const late = (quantity: string, meterKey = 'api_calls'): LateUsage => ({
  meterKey,
  quantity,
  reason: 'late events',
  originalPeriod: '2026-02',
});

const amounts = (invoice: Invoice) => invoice.lines.map((line) => line.amount);

describe('previewInvoice', () => {
  it('bills fixed fees, each charge and the minimum true-up, each line rounded to cents', () => {
    const invoice = previewInvoice({
      plan: growth,
      period: '2026-03',
      usage: { api_calls: '12345', storage_gb: '120.5', exports: '250', seats: '5' },
    });
    expect(invoice).toEqual({
      planKey: 'growth',
      planVersion: 3,
      period: '2026-03',
      currency: 'USD',
      lines: [
        { kind: 'flat', description: 'Platform fee', amount: '49.00' },
        {
          kind: 'usage',
          meterKey: 'api_calls',
          description: 'api_calls: graduated tiers',
          quantity: '12345',
          amount: '93.72',
        },
        {
          kind: 'usage',
          meterKey: 'storage_gb',
          description: 'Storage (GB-month)',
          quantity: '120.5',
          unitPrice: '0.023',
          amount: '2.77',
        },
        {
          kind: 'usage',
          meterKey: 'exports',
          description: 'exports: 1.50 per 100 units',
          quantity: '250',
          amount: '4.50',
        },
        {
          kind: 'usage',
          meterKey: 'seats',
          description: 'seats: 10 per unit after 3 free units',
          quantity: '5',
          amount: '20.00',
        },
        { kind: 'minimum', description: 'Minimum commitment true-up', amount: '30.01' },
      ],
      subtotal: '200.00',
      total: '200.00',
    });
  });

  it('rounds the exact 93.725 of the graduated example half to even: 93.72, where half-up gives 93.73', () => {
    const invoice = previewInvoice({
      plan: {
        key: 'tiers',
        version: 1,
        currency: 'USD',
        charges: [{ meterKey: 'api_calls', model: apiCallTiers }],
      },
      period: '2026-03',
      usage: { api_calls: '12345' },
    });
    expect(amounts(invoice)).toEqual(['93.72']);
    expect(invoice.total).toBe('93.72');
  });

  it('adds up rounded lines, not the rounded exact sum', () => {
    // Three lines of 0.005 each round to 0.00, 0.00 and 0.00 (ties to even); their exact sum 0.015 would round to 0.02.
    const plan: Plan = {
      key: 'tiny',
      version: 1,
      currency: 'USD',
      charges: ['a', 'b', 'c'].map((meterKey) => ({
        meterKey,
        model: { type: 'per-unit', unitPrice: '0.005' } as const,
      })),
    };
    const invoice = previewInvoice({ plan, period: '2026-03', usage: { a: '1', b: '1', c: '1' } });
    expect(amounts(invoice)).toEqual(['0.00', '0.00', '0.00']);
    expect(invoice.total).toBe('0.00');
  });

  it('bills in the currency minor units: none for yen, three for dinars', () => {
    const perUnit = (currency: string): Plan => ({
      key: 'simple',
      version: 1,
      currency,
      charges: [{ meterKey: 'api_calls', model: { type: 'per-unit', unitPrice: '0.0125' } }],
    });
    const usage = { api_calls: '1234' };
    expect(previewInvoice({ plan: perUnit('JPY'), period: '2026-03', usage }).total).toBe('15');
    expect(previewInvoice({ plan: perUnit('KWD'), period: '2026-03', usage }).total).toBe('15.425');
  });

  it('shows a charge without usage at zero and ignores usage of meters the plan does not charge', () => {
    const invoice = previewInvoice({
      plan: { ...growth, minimumCommitment: undefined, flatFees: undefined },
      period: '2026-03',
      usage: { unpriced_meter: '1000' },
    });
    expect(amounts(invoice)).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect(invoice.lines.map((line) => line.quantity)).toEqual(['0', '0', '0', '0']);
  });

  it('adds no true-up when the period reaches its minimum', () => {
    const invoice = previewInvoice({ plan: growth, period: '2026-03', usage: { seats: '20' } });
    expect(invoice.lines.map((line) => line.kind)).not.toContain('minimum');
    expect(invoice.subtotal).toBe('219.00');
  });

  it('charges a flat model on its meter whatever the usage', () => {
    const plan: Plan = {
      key: 'sso',
      version: 1,
      currency: 'EUR',
      charges: [{ meterKey: 'sso_logins', model: { type: 'flat', amount: '25' } }],
    };
    expect(previewInvoice({ plan, period: '2026-03', usage: {} }).lines).toEqual([
      {
        kind: 'flat',
        meterKey: 'sso_logins',
        description: 'sso_logins: flat fee',
        amount: '25.00',
      },
    ]);
  });

  describe('late usage of a finalized period', () => {
    const finalizedPeriods = {
      '2026-02': { plan: growthV2, invoicedUsage: { api_calls: '9000' } },
    };

    it('bills it on an adjustment line priced with that period’s plan', () => {
      const invoice = previewInvoice({
        plan: growth,
        period: '2026-03',
        usage: { seats: '20' },
        adjustments: [late('200')],
        finalizedPeriods,
      });
      expect(invoice.lines.at(-1)).toEqual({
        kind: 'adjustment',
        meterKey: 'api_calls',
        description: 'api_calls: late usage for 2026-02 (late events)',
        quantity: '200',
        originalPeriod: '2026-02',
        reason: 'late events',
        amount: '4.00',
      });
      expect(invoice.subtotal).toBe('219.00');
      expect(invoice.total).toBe('223.00');
    });

    it('prices it at the marginal price: what the late units add on top of what was billed', () => {
      const tiered: Plan = {
        ...growthV2,
        minimumCommitment: undefined,
        charges: [{ meterKey: 'api_calls', model: apiCallTiers }],
      };
      const invoice = previewInvoice({
        plan: growth,
        period: '2026-03',
        usage: {},
        adjustments: [late('200')],
        finalizedPeriods: { '2026-02': { plan: tiered, invoicedUsage: { api_calls: '900' } } },
      });
      // 100 units still at 0.01, 100 at 0.008: 1.80, not 200 × the period's average rate.
      expect(invoice.lines.at(-1)?.amount).toBe('1.80');
    });

    it('corrects the minimum true-up of that period when late usage changes it', () => {
      const withinMinimum = { '2026-02': { plan: growthV2, invoicedUsage: { api_calls: '900' } } };
      const lines = (quantity: string) =>
        previewInvoice({
          plan: growth,
          period: '2026-03',
          usage: {},
          adjustments: [late(quantity)],
          finalizedPeriods: withinMinimum,
        })
          .lines.filter((line) => line.kind === 'adjustment')
          .map((line) => [line.description, line.amount]);
      // February billed 18.00 of calls and an 82.00 true-up: 200 more calls change nothing in total.
      expect(lines('200')).toEqual([
        ['api_calls: late usage for 2026-02 (late events)', '4.00'],
        ['Minimum commitment true-up correction for 2026-02', '-4.00'],
      ]);
      // 5,000 more calls (100.00) lift February over its minimum: 118.00 in all, 18.00 more.
      expect(lines('5000')).toEqual([
        ['api_calls: late usage for 2026-02 (late events)', '100.00'],
        ['Minimum commitment true-up correction for 2026-02', '-82.00'],
      ]);
    });

    it('credits a correction that takes usage away', () => {
      const invoice = previewInvoice({
        plan: growth,
        period: '2026-03',
        usage: { seats: '20' },
        adjustments: [{ ...late('-500'), reason: 'voided events' }],
        finalizedPeriods,
      });
      expect(invoice.lines.at(-1)).toMatchObject({ quantity: '-500', amount: '-10.00' });
      expect(invoice.total).toBe('209.00');
    });

    it('refuses a correction that takes the period below zero usage', () => {
      expect(() =>
        previewInvoice({
          plan: growth,
          period: '2026-03',
          usage: {},
          adjustments: [late('-9000'), late('-0.5')],
          finalizedPeriods,
        }),
      ).toThrow('late usage of api_calls would take 2026-02 below zero (-0.5)');
    });

    it('refuses late usage of a period it is not told about, or billed in another currency', () => {
      const attempt =
        (finalized: Record<string, { plan: Plan; invoicedUsage: Record<string, string> }>) => () =>
          previewInvoice({
            plan: growth,
            period: '2026-03',
            usage: {},
            adjustments: [late('1')],
            finalizedPeriods: finalized,
          });
      expect(attempt({})).toThrow(expect.objectContaining({ failure: 'unknown-finalized-period' }));
      expect(
        attempt({ '2026-02': { plan: { ...growthV2, currency: 'EUR' }, invoicedUsage: {} } }),
      ).toThrow(expect.objectContaining({ failure: 'currency-mismatch' }));
    });

    it('bills nothing for late usage of a meter that period’s plan did not charge', () => {
      const invoice = previewInvoice({
        plan: growth,
        period: '2026-03',
        usage: { seats: '20' },
        adjustments: [late('10', 'exports')],
        finalizedPeriods,
      });
      expect(invoice.lines.map((line) => line.kind)).not.toContain('adjustment');
    });
  });

  it.each<Record<string, string>>([{ api_calls: '-1' }, { api_calls: '1e3' }, { unpriced: 'ten' }])(
    'refuses usage %j',
    (usage) => {
      expect(() => previewInvoice({ plan: growth, period: '2026-03', usage })).toThrow(
        PricingError,
      );
    },
  );
});

describe('invoice properties', () => {
  const quantity = fc
    .tuple(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 3 }))
    .map(([n, scale]) => new ExactDecimal(n).dividedBy(10 ** scale).toFixed());
  const meters = ['api_calls', 'exports', 'seats'] as const;
  const plans = fc
    .record({
      currency: fc.constantFrom('USD', 'JPY', 'BHD'),
      minimum: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
      fee: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ currency, minimum, fee }): Plan => ({
      key: 'random',
      version: 1,
      currency,
      flatFees: [{ key: 'platform', amount: String(fee) }],
      charges: [
        { meterKey: 'api_calls', model: apiCallTiers },
        {
          meterKey: 'exports',
          model: { type: 'package', packageSize: '7', packagePrice: '0.333' },
        },
        {
          meterKey: 'seats',
          model: {
            type: 'free-allowance',
            freeUnits: '2.5',
            then: { type: 'per-unit', unitPrice: '0.0125' },
          },
        },
      ],
      ...(minimum === undefined ? {} : { minimumCommitment: String(minimum) }),
    }));
  const usage = fc.record({ api_calls: quantity, exports: quantity, seats: quantity });
  const sumOf = (values: string[]) =>
    values.reduce((total, value) => total.plus(value), new ExactDecimal(0));

  it('says what its lines add up to: subtotal for this period, total with adjustments', () => {
    fc.assert(
      fc.property(
        plans,
        usage,
        fc.array(fc.tuple(fc.constantFrom(...meters), quantity), { maxLength: 5 }),
        (plan, used, extra) => {
          const invoice = previewInvoice({
            plan,
            period: '2026-03',
            usage: used,
            adjustments: extra.map(([meterKey, q]) => late(q, meterKey)),
            finalizedPeriods: { '2026-02': { plan, invoicedUsage: used } },
          });
          const own = invoice.lines.filter((line) => line.kind !== 'adjustment');
          expect(new ExactDecimal(invoice.subtotal).eq(sumOf(own.map((l) => l.amount)))).toBe(true);
          expect(
            new ExactDecimal(invoice.total).eq(sumOf(invoice.lines.map((l) => l.amount))),
          ).toBe(true);
        },
      ),
    );
  });

  it('bills a period in full however its late usage is split, ordered and spread over later invoices', () => {
    fc.assert(
      fc.property(
        plans,
        usage,
        fc.array(fc.tuple(fc.constantFrom(...meters), quantity), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        (plan, invoiced, lateEvents, invoiceCount) => {
          const period = (u: Record<string, string>) =>
            new ExactDecimal(previewInvoice({ plan, period: '2026-02', usage: u }).subtotal);
          const billedSoFar: Record<string, string> = { ...invoiced };
          let adjusted = new ExactDecimal(0);
          for (let i = 0; i < invoiceCount; i++) {
            const batch = lateEvents.filter((_, index) => index % invoiceCount === i);
            const invoice = previewInvoice({
              plan,
              period: `2026-0${3 + i}`,
              usage: {},
              adjustments: batch.map(([meterKey, q]) => late(q, meterKey)),
              finalizedPeriods: { '2026-02': { plan, invoicedUsage: { ...billedSoFar } } },
            });
            adjusted = adjusted.plus(invoice.total).minus(invoice.subtotal);
            for (const [meterKey, q] of batch) {
              billedSoFar[meterKey] = new ExactDecimal(billedSoFar[meterKey] ?? 0)
                .plus(q)
                .toFixed();
            }
          }
          expect(period(invoiced).plus(adjusted).eq(period(billedSoFar))).toBe(true);
        },
      ),
    );
  });
});
