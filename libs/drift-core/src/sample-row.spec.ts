import type { SampleRow } from './drift-types';
import { modelSpecSchema } from './model-spec';
import { featureValue, rowProblems } from './sample-row';

const model = modelSpecSchema.parse({
  key: 'churn',
  features: [
    { name: 'age', kind: 'numeric' },
    { name: 'plan', kind: 'categorical' },
  ],
  segments: ['region', 'plan'],
  prediction: { name: 'score', kind: 'numeric' },
  performance: { metric: 'mae' },
});

const row = (overrides: Partial<SampleRow> = {}): SampleRow => ({
  timestamp: '2026-11-25T10:15:00Z',
  features: { age: 41, plan: 'pro', region: 'eu' },
  prediction: 0.4,
  label: 1,
  ...overrides,
});

describe('rowProblems', () => {
  it('finds nothing wrong with a usable row, nulls and missing columns included', () => {
    expect(rowProblems(row(), model)).toEqual([]);
    expect(rowProblems(row({ features: { plan: null }, prediction: null }), model)).toEqual([]);
    expect(rowProblems({ timestamp: '2026-11-25T10:15:00Z', features: {} }, model)).toEqual([]);
  });

  it('takes a string, boolean or number for a categorical feature', () => {
    for (const plan of ['pro', true, 3]) {
      expect(rowProblems(row({ features: { age: 1, plan } }), model)).toEqual([]);
    }
  });

  it('lists every reason a row cannot be used, naming each field', () => {
    const bad = {
      timestamp: 'yesterday',
      features: { age: 'abc', plan: NaN },
      prediction: true,
      label: 'stay',
    } as SampleRow;
    expect(rowProblems(bad, model)).toEqual([
      'timestamp is "yesterday", not an ISO 8601 time with an offset',
      'features.age is "abc", not a number',
      'features.plan is NaN, not a finite number',
      'prediction is true, not a number',
      'label is "stay", not a number',
    ]);
  });

  it('refuses infinities and objects that slipped past the schema', () => {
    const bad = {
      ...row(),
      features: { age: Infinity, plan: { tier: 1 } },
    } as unknown as SampleRow;
    expect(rowProblems(bad, model)).toEqual([
      'features.age is Infinity, not a finite number',
      'features.plan is an object, not a string, number or boolean',
    ]);
  });

  it('checks the label as a category for accuracy and ignores it without performance', () => {
    const accuracy = modelSpecSchema.parse({
      key: 'churn',
      features: [{ name: 'age', kind: 'numeric' }],
      prediction: { name: 'outcome', kind: 'categorical' },
      performance: { metric: 'accuracy' },
    });
    expect(rowProblems(row({ prediction: 'stay', label: 'leave' }), accuracy)).toEqual([]);
    const plain = modelSpecSchema.parse({
      key: 'churn',
      features: [{ name: 'age', kind: 'numeric' }],
    });
    expect(rowProblems(row({ prediction: 'anything', label: 'anything' }), plain)).toEqual([]);
  });
});

describe('featureValue', () => {
  it('reads own features only and answers null for a missing one', () => {
    const parsed = JSON.parse('{"timestamp":"2026-11-25T10:15:00Z","features":{"__proto__":3}}');
    expect(featureValue(parsed, '__proto__')).toBe(3);
    expect(featureValue(row(), '__proto__')).toBeNull();
    expect(featureValue(row(), 'constructor')).toBeNull();
    expect(featureValue(row(), 'missing')).toBeNull();
  });
});
