import { priceTiersSchema } from './price-tiers';

const issues = (tiers: unknown) => {
  const parsed = priceTiersSchema.safeParse(tiers);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('price tiers', () => {
  it('accepts tiers from zero upwards that end open-ended', () => {
    expect(
      issues([
        { upTo: '1000', unitPrice: '0.01' },
        { upTo: '10000', unitPrice: '0.008', flatFee: '5' },
        { upTo: null, unitPrice: '0.005' },
      ]),
    ).toEqual([]);
    expect(issues([{ upTo: null, unitPrice: '0.5' }])).toEqual([]);
  });

  it('refuses an empty list', () => {
    expect(issues([])).not.toEqual([]);
  });

  it('refuses a last tier with an upper bound: usage above it would have no price', () => {
    expect(issues([{ upTo: '1000', unitPrice: '0.01' }])).toEqual([
      'the last tier has no upper bound (upTo: null)',
    ]);
  });

  it('refuses an open-ended tier before the last', () => {
    expect(
      issues([
        { upTo: null, unitPrice: '0.01' },
        { upTo: null, unitPrice: '0.005' },
      ]),
    ).toEqual(['only the last tier may be open-ended']);
  });

  it('refuses bounds that do not increase', () => {
    expect(
      issues([
        { upTo: '1000', unitPrice: '0.01' },
        { upTo: '1000', unitPrice: '0.008' },
        { upTo: null, unitPrice: '0.005' },
      ]),
    ).toEqual(["must be greater than the previous tier's upTo (1000)"]);
    expect(
      issues([
        { upTo: '1000', unitPrice: '0.01' },
        { upTo: '999.5', unitPrice: '0.008' },
        { upTo: null, unitPrice: '0.005' },
      ]),
    ).toHaveLength(1);
  });

  it.each([
    [{ upTo: '0', unitPrice: '0.01' }, 'an empty first tier'],
    [{ upTo: '100', unitPrice: '-0.01' }, 'a negative rate'],
    [{ upTo: '100', unitPrice: '0.01', flatFee: '-1' }, 'a negative flat fee'],
    [{ upTo: '1e3', unitPrice: '0.01' }, 'exponent notation'],
    [{ upTo: 100, unitPrice: '0.01' }, 'a JSON number (a double) for a bound'],
    [{ upTo: '100', unitPrice: '0.01', discount: '1' }, 'an unknown field'],
  ])('refuses %j (%s)', (tier, _why) => {
    expect(issues([tier, { upTo: null, unitPrice: '0.005' }])).not.toEqual([]);
  });
});
