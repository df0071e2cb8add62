import { sampleRowSchema, type SampleRow } from './drift-sample-row';

const row = (overrides: Partial<SampleRow> = {}): SampleRow => ({
  timestamp: '2026-11-25T10:15:00Z',
  features: { age: 41, plan: 'pro', region: 'eu' },
  prediction: 0.4,
  label: 1,
  ...overrides,
});

describe('sampleRowSchema', () => {
  it('accepts a row with a time offset and optional prediction and label', () => {
    expect(sampleRowSchema.parse(row())).toEqual(row());
    const bare = { timestamp: '2026-11-25T11:15:00+01:00', features: { age: null } };
    expect(sampleRowSchema.parse(bare)).toEqual(bare);
  });

  it.each([
    ['a time without an offset', { timestamp: '2026-11-25T10:15:00' }],
    ['an impossible date', { timestamp: '2026-02-30T10:15:00Z' }],
    ['an object as a feature value', { features: { age: { years: 41 } } }],
    ['an unknown field', { model: 'churn' }],
  ])('refuses %s', (_case, overrides) => {
    expect(sampleRowSchema.safeParse({ ...row(), ...overrides }).success).toBe(false);
  });
});
