import { planSchema, type Plan } from './plan';

const plan: Plan = {
  key: 'growth',
  version: 3,
  currency: 'USD',
  flatFees: [{ key: 'platform', amount: '49.00', description: 'Platform fee' }],
  charges: [
    { meterKey: 'api_calls', model: { type: 'per-unit', unitPrice: '0.0004' } },
    { meterKey: 'exports', model: { type: 'package', packageSize: '100', packagePrice: '1.5' } },
  ],
  minimumCommitment: '200',
};

const issues = (candidate: unknown) => {
  const parsed = planSchema.safeParse(candidate);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('planSchema', () => {
  it('accepts a plan with charges, fixed fees and a minimum commitment', () => {
    expect(planSchema.parse(plan)).toEqual(plan);
    expect(issues({ key: 'free', version: 1, currency: 'JPY', charges: [] })).toEqual([]);
  });

  it('refuses two charges on the same meter', () => {
    expect(issues({ ...plan, charges: [plan.charges[0], plan.charges[0]] })).toEqual([
      'charges.1.meterKey: a plan charges each meter once',
    ]);
  });

  it('refuses two fixed fees with the same key', () => {
    const fee = { key: 'platform', amount: '1' };
    expect(issues({ ...plan, flatFees: [fee, fee] })).toEqual([
      'flatFees.1.key: flat fee keys are unique in a plan',
    ]);
  });

  it('refuses fixed fees and minimums finer than the currency can bill, but not finer rates', () => {
    expect(issues({ ...plan, minimumCommitment: '200.005' })).toEqual([
      'minimumCommitment: USD amounts have at most 2 fraction digits',
    ]);
    expect(
      issues({ ...plan, currency: 'JPY', flatFees: [{ key: 'platform', amount: '4900.5' }] }),
    ).toEqual(['flatFees.0.amount: JPY amounts have at most 0 fraction digits']);
  });

  it.each([
    [{ currency: 'XAU' }, 'currency'],
    [{ currency: 'usd' }, 'currency'],
    [{ version: 0 }, 'version'],
    [{ version: 1.5 }, 'version'],
    [{ key: 'Growth Plan' }, 'key'],
    [{ minimumCommitment: '-1' }, 'minimumCommitment'],
    [{ discount: '10%' }, ''],
    // Malformed amounts must be issues, not a decimal.js exception in the plan's refinements.
    [{ flatFees: [{ key: 'platform', amount: 'str' }] }, 'flatFees.0.amount'],
    [{ minimumCommitment: ' ' }, 'minimumCommitment'],
    [
      {
        charges: [
          {
            meterKey: 'api_calls',
            model: {
              type: 'graduated',
              tiers: [
                { upTo: '10', unitPrice: '1' },
                { upTo: 'str', unitPrice: '1' },
                { upTo: null, unitPrice: '1' },
              ],
            },
          },
        ],
      },
      'charges.0.model.tiers.1.upTo',
    ],
  ])('refuses %j', (change, path) => {
    expect(issues({ ...plan, ...change }).map((issue) => issue.split(':')[0])).toContain(path);
  });
});
