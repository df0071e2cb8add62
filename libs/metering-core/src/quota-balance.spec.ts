import fc from 'fast-check';
import type { Grant } from './grant';
import { quotaPolicySchema, type QuotaPolicy } from './quota';
import { admit, balance, entitlement } from './quota-balance';

const at = (iso: string) => new Date(iso);
const policy = (enforcement: 'soft' | 'hard', limit = '1000'): QuotaPolicy =>
  quotaPolicySchema.parse({ meterKey: 'tokens', limit, period: 'MONTH', enforcement });
const grants: Grant[] = [
  {
    id: 'march-bonus',
    amount: '250',
    effectiveAt: at('2026-03-01T00:00:00Z'),
    expiresAt: at('2026-04-01T00:00:00Z'),
  },
  { id: 'forever', amount: '0.5', effectiveAt: at('2026-01-01T00:00:00Z') },
];

describe('quota balance', () => {
  it('is the limit plus the active grants', () => {
    expect(entitlement(policy('hard'), grants, at('2026-03-10T00:00:00Z'))).toBe('1250.5');
    expect(entitlement(policy('hard'), grants, at('2026-04-10T00:00:00Z'))).toBe('1000.5');
  });

  it('tells limit, granted, used and remaining', () => {
    expect(balance(policy('hard'), grants, '700.25', at('2026-03-10T00:00:00Z'))).toEqual({
      limit: '1000',
      granted: '250.5',
      used: '700.25',
      remaining: '550.25',
      exhausted: false,
    });
  });

  it('is exhausted when nothing remains', () => {
    expect(balance(policy('hard'), [], '1000', at('2026-03-10T00:00:00Z'))).toMatchObject({
      remaining: '0',
      exhausted: true,
    });
  });

  it('goes negative when a soft quota is overrun', () => {
    expect(balance(policy('soft'), [], '1200', at('2026-03-10T00:00:00Z'))).toMatchObject({
      remaining: '-200',
      exhausted: true,
    });
  });

  it('loses an expired grant', () => {
    expect(balance(policy('hard'), grants, '1100', at('2026-04-01T00:00:00Z'))).toMatchObject({
      granted: '0.5',
      remaining: '-99.5',
      exhausted: true,
    });
  });
});

describe('admission at the gateway', () => {
  const now = at('2026-03-10T00:00:00Z');

  it('admits a hard-quota request that fits exactly', () => {
    expect(admit(policy('hard'), balance(policy('hard'), [], '990', now), '10')).toEqual({
      allowed: true,
      remaining: '0',
    });
  });

  it('denies a hard-quota request that would overrun, leaving the balance as it was', () => {
    expect(admit(policy('hard'), balance(policy('hard'), [], '990', now), '10.01')).toEqual({
      allowed: false,
      remaining: '10',
      reason: 'quota-exhausted',
    });
  });

  it('admits a grant-funded request beyond the limit', () => {
    expect(admit(policy('hard'), balance(policy('hard'), grants, '1100', now), '100').allowed).toBe(
      true,
    );
  });

  it('admits everything on a soft quota, reporting the overrun', () => {
    expect(admit(policy('soft'), balance(policy('soft'), [], '1000', now), '5')).toEqual({
      allowed: true,
      remaining: '-5',
    });
  });

  it('refuses a negative request', () => {
    expect(() => admit(policy('hard'), balance(policy('hard'), [], '0', now), '-1')).toThrow(
      RangeError,
    );
  });

  it('never lets admitted hard-quota usage exceed the entitlement', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 120 })),
        (limit, requests) => {
          const quota = policy('hard', String(limit));
          let used = 0;
          for (const requested of requests) {
            const answer = admit(quota, balance(quota, [], String(used), now), String(requested));
            if (answer.allowed) used += requested;
            expect(answer.allowed).toBe(used + (answer.allowed ? 0 : requested) <= limit);
          }
          expect(used).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });
});
