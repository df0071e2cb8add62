import fc from 'fast-check';
import { ExactDecimal } from './exact-decimal';
import { PricingError } from './pricing-error';
import { unbilledUsage } from './unbilled-usage';

describe('unbilledUsage', () => {
  it('is what the period used beyond its invoice and earlier adjustments', () => {
    expect(unbilledUsage('1250', '1000', ['200'])).toBe('50');
    expect(unbilledUsage('1000', '1000')).toBe('0');
  });

  it('is negative when a correction took usage away', () => {
    expect(unbilledUsage('900.5', '1000', ['-50'])).toBe('-49.5');
  });

  it('refuses amounts that are not decimal strings', () => {
    expect(() => unbilledUsage('1e3', '0')).toThrow(PricingError);
  });

  it('bills a period in full: invoiced + every adjustment recorded in turn = usage now', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
      .map(([n, scale]) => new ExactDecimal(n.toString()).dividedBy(10 ** scale).toFixed());
    fc.assert(
      fc.property(amount, fc.array(amount, { maxLength: 10 }), (invoiced, usageOverTime) => {
        const adjustments: string[] = [];
        for (const usageNow of usageOverTime) {
          adjustments.push(unbilledUsage(usageNow, invoiced, adjustments));
        }
        const final = usageOverTime.at(-1) ?? invoiced;
        expect(unbilledUsage(final, invoiced, adjustments)).toBe('0');
      }),
    );
  });
});
