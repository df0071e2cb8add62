import { readFileSync } from 'node:fs';
import { currencyCodeSchema, currencyListPublished, currencyOf, isCurrencyCode } from './currency';
import { PricingError } from './pricing-error';

// The ISO 4217 list one that the currency-codes package ships: the source of truth.
const isoEntries = [
  ...readFileSync(require.resolve('currency-codes/iso-4217-list-one.xml'), 'utf8').matchAll(
    /<Ccy>([A-Z]{3})<\/Ccy>\s*<CcyNbr>\d+<\/CcyNbr>\s*<CcyMnrUnts>([^<]+)<\/CcyMnrUnts>/g,
  ),
].map(([, code, minorUnits]) => ({ code: code as string, minorUnits: minorUnits as string }));

describe('currencies', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['CHF', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['CLP', 0],
    ['ISK', 0],
    ['CAD', 2],
    ['AUD', 2],
    ['SEK', 2],
    ['NOK', 2],
    ['DKK', 2],
    ['PLN', 2],
    ['INR', 2],
    ['BRL', 2],
    ['MXN', 2],
    ['CNY', 2],
    ['SGD', 2],
    ['NZD', 2],
    ['ZAR', 2],
    ['HKD', 2],
  ])('knows that %s has %i minor-unit digits', (code, minorUnits) => {
    expect(currencyOf(code).minorUnits).toBe(minorUnits);
  });

  it('takes minor units from ISO 4217, not from display digits (Intl shows IQD and HUF with 0)', () => {
    expect(currencyOf('IQD').minorUnits).toBe(3);
    expect(currencyOf('HUF').minorUnits).toBe(2);
  });

  it('accepts every ISO 4217 currency with a minor unit, with the digits ISO gives it', () => {
    const billable = isoEntries.filter((entry) => entry.minorUnits !== 'N.A.');
    expect(billable.length).toBeGreaterThan(150);
    for (const entry of billable) {
      expect(currencyOf(entry.code).minorUnits).toBe(Number(entry.minorUnits));
    }
  });

  it('refuses the codes ISO 4217 gives no minor unit: metals, SDR, testing, no currency', () => {
    const withoutMinorUnit = isoEntries.filter((entry) => entry.minorUnits === 'N.A.');
    expect(withoutMinorUnit.map((entry) => entry.code)).toEqual(
      expect.arrayContaining(['XAU', 'XDR', 'XTS', 'XXX']),
    );
    for (const entry of withoutMinorUnit) expect(isCurrencyCode(entry.code)).toBe(false);
  });

  it('knows the Caribbean guilder, added to ISO 4217 after the packaged list', () => {
    expect(currencyListPublished).toBe('2024-06-25');
    expect(currencyOf('XCG')).toEqual({ code: 'XCG', minorUnits: 2, name: 'Caribbean Guilder' });
  });

  it.each(['usd', 'ABC', 'HRK', 'EURO', ''])('refuses %j as a currency code', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
    expect(currencyCodeSchema.safeParse(code).success).toBe(false);
    expect(() => currencyOf(code)).toThrow(PricingError);
  });

  it('answers an unknown currency as a 422 problem', () => {
    const error = (() => {
      try {
        return currencyOf('ABC');
      } catch (caught) {
        return caught;
      }
    })() as PricingError;
    expect(error).toMatchObject({ status: 422, title: 'Unknown currency' });
    expect(error.failure).toBe('unknown-currency');
  });
});
