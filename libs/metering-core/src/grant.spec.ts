import { grantedAt, grantSchema, isGrantActive, type Grant } from './grant';

const at = (iso: string) => new Date(iso);
const grant = (amount: string, effectiveAt: string, expiresAt?: string): Grant => ({
  id: `grant-${amount}`,
  amount,
  effectiveAt: at(effectiveAt),
  ...(expiresAt === undefined ? {} : { expiresAt: at(expiresAt) }),
});

describe('grants', () => {
  const march = grant('500', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');

  it('counts from the moment it takes effect', () => {
    expect(isGrantActive(march, at('2026-02-28T23:59:59.999Z'))).toBe(false);
    expect(isGrantActive(march, at('2026-03-01T00:00:00Z'))).toBe(true);
  });

  it('stops counting at the moment it expires', () => {
    expect(isGrantActive(march, at('2026-03-31T23:59:59.999Z'))).toBe(true);
    expect(isGrantActive(march, at('2026-04-01T00:00:00Z'))).toBe(false);
  });

  it('never expires without an expiry', () => {
    expect(isGrantActive(grant('1', '2026-01-01T00:00:00Z'), at('2099-01-01T00:00:00Z'))).toBe(
      true,
    );
  });

  it('adds up the active grants exactly', () => {
    const grants = [
      march,
      grant('0.1', '2026-01-01T00:00:00Z'),
      grant('0.2', '2026-03-15T00:00:00Z'),
    ];
    expect(grantedAt(grants, at('2026-03-20T00:00:00Z'))).toBe('500.3');
    expect(grantedAt(grants, at('2026-02-01T00:00:00Z'))).toBe('0.1');
    expect(grantedAt([], at('2026-02-01T00:00:00Z'))).toBe('0');
  });

  it('reads a grant from JSON with ISO times', () => {
    expect(
      grantSchema.parse({
        id: 'welcome',
        amount: '1000',
        effectiveAt: '2026-03-01T00:00:00+01:00',
        expiresAt: '2026-04-01T00:00:00Z',
      }),
    ).toEqual({
      id: 'welcome',
      amount: '1000',
      effectiveAt: at('2026-02-28T23:00:00Z'),
      expiresAt: at('2026-04-01T00:00:00Z'),
    });
  });

  it.each([
    ['a zero amount', { amount: '0.00' }],
    ['a negative amount', { amount: '-5' }],
    ['a float amount', { amount: 5 }],
    ['an expiry before it takes effect', { expiresAt: '2026-02-01T00:00:00Z' }],
    ['a time without offset', { effectiveAt: '2026-03-01T00:00:00' }],
  ])('refuses %s', (_, change) => {
    const valid = { id: 'g', amount: '10', effectiveAt: '2026-03-01T00:00:00Z' };
    expect(grantSchema.safeParse(valid).success).toBe(true);
    expect(grantSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
