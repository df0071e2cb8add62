import fc from 'fast-check';
import { decimalSchema, nonNegativeDecimalSchema, positiveDecimalSchema } from './decimal-string';
import { maxUsageFractionDigits, maxUsageIntegerDigits } from './usage-value';

const digitString = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
const withinLimits = fc
  .tuple(
    fc.boolean(),
    digitString(1, maxUsageIntegerDigits),
    fc.option(digitString(1, maxUsageFractionDigits), { nil: undefined }),
  )
  .map(
    ([negative, whole, fraction]) =>
      `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`,
  );

describe('decimal strings', () => {
  it('accepts every plain decimal within the digits of a usage value, by sign', () => {
    fc.assert(
      fc.property(withinLimits, (text) => {
        const negative = text.startsWith('-');
        const zero = !/[1-9]/.test(text);
        expect(decimalSchema.safeParse(text).success).toBe(true);
        expect(nonNegativeDecimalSchema.safeParse(text).success).toBe(!negative);
        expect(positiveDecimalSchema.safeParse(text).success).toBe(!negative && !zero);
      }),
    );
  });

  it.each([
    ['a word', 'str'],
    ['the empty string', ''],
    ['a space', ' '],
    ['an exponent', '1e3'],
    ['a leading point', '.5'],
    ['a plus sign', '+1'],
    ['200,000 digits', '9'.repeat(200_000)],
    [`${maxUsageIntegerDigits + 1} integer digits`, '9'.repeat(maxUsageIntegerDigits + 1)],
    [
      `${maxUsageFractionDigits + 1} fraction digits`,
      `0.${'1'.repeat(maxUsageFractionDigits + 1)}`,
    ],
  ])('refuses %s with an issue, never an exception', (_case, text) => {
    for (const schema of [decimalSchema, nonNegativeDecimalSchema, positiveDecimalSchema]) {
      const result = schema.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.message).toMatch(/plain notation \(at most 40 integer/);
    }
  });
});
