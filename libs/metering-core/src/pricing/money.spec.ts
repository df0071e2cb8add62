import fc from 'fast-check';
import { currencyOf } from './currency';
import { ExactDecimal } from './exact-decimal';
import { toMoney } from './money';
import { PricingError } from './pricing-error';

describe('toMoney', () => {
  it.each([
    ['93.725', 'USD', '93.72'],
    ['0.125', 'USD', '0.12'],
    ['0.135', 'USD', '0.14'],
    ['0.1251', 'USD', '0.13'],
    ['2.5', 'JPY', '2'],
    ['3.5', 'JPY', '4'],
    ['1.0005', 'KWD', '1.000'],
    ['1.0015', 'KWD', '1.002'],
    ['-0.125', 'EUR', '-0.12'],
  ])('rounds %s %s half to even to %s', (amount, currency, rounded) => {
    expect(toMoney(amount, currency)).toEqual({ amount: rounded, currency });
  });

  it('writes every minor-unit digit and never "-0"', () => {
    expect(toMoney('5', 'USD').amount).toBe('5.00');
    expect(toMoney('5', 'BHD').amount).toBe('5.000');
    expect(toMoney('5', 'JPY').amount).toBe('5');
    expect(toMoney('-0.001', 'USD').amount).toBe('0.00');
  });

  it.each(['1e3', '0x10', 'NaN', 'Infinity', '.5', '5.', ' 5', ''])(
    'refuses %j as an amount',
    (amount) => {
      expect(() => toMoney(amount, 'USD')).toThrow(PricingError);
    },
  );

  it('refuses an unknown currency', () => {
    expect(() => toMoney('1.00', 'ABC')).toThrow('"ABC" is not an ISO 4217 currency code');
  });

  it('lands within half a minor unit of the exact amount, and keeps a rounded amount as it is', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (units, scale, code) => {
          const exact = new ExactDecimal(units.toString()).dividedBy(
            new ExactDecimal(10).pow(scale),
          );
          const rounded = toMoney(exact.toFixed(), code).amount;
          const halfMinorUnit = new ExactDecimal(10).pow(-currencyOf(code).minorUnits).dividedBy(2);
          expect(new ExactDecimal(rounded).minus(exact).abs().lte(halfMinorUnit)).toBe(true);
          expect(toMoney(rounded, code).amount).toBe(rounded);
        },
      ),
    );
  });
});
