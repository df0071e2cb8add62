import { parseUsageDecimal, readNumber, readUsageValue, usageDecimalString } from './usage-value';

const read = (raw: unknown) => {
  const result = readUsageValue(raw);
  return result.ok ? usageDecimalString(result.value) : result.problem;
};

describe('readUsageValue', () => {
  it.each([
    [12, '12'],
    [0.1, '0.1'],
    [-3.5, '-3.5'],
    [-0, '0'],
    [1e21, '1000000000000000000000'],
    ['12.50', '12.5'],
    ['-0.000', '0'],
    ['0007', '7'],
    [
      '123456789012345678901234567890.000000000000000000000000000001',
      '123456789012345678901234567890.000000000000000000000000000001',
    ],
  ])('reads %j as %s', (raw, expected) => {
    expect(read(raw)).toBe(expected);
  });

  it.each([
    true,
    false,
    null,
    undefined,
    '',
    ' 1',
    '1 ',
    '+1',
    '1e3',
    '.5',
    '5.',
    '0x1f',
    'NaN',
    'Infinity',
    NaN,
    Infinity,
    {},
    [1],
    { value: 1 },
  ])('refuses %j as not a number', (raw) => {
    expect(read(raw)).toBe('not-a-number');
  });

  it('refuses values beyond 40 integer or 30 fractional digits', () => {
    expect(read('9'.repeat(40))).toBe('9'.repeat(40));
    expect(read('1' + '0'.repeat(40))).toBe('out-of-range');
    expect(read(`0.${'0'.repeat(29)}1`)).toBe(`0.${'0'.repeat(29)}1`);
    expect(read(`0.${'0'.repeat(30)}1`)).toBe('out-of-range');
    expect(read(1e300)).toBe('out-of-range');
  });

  it('compares beyond range with readNumber, which has no digit limit', () => {
    expect(readNumber(1e300)?.gt(1)).toBe(true);
  });
});

describe('parseUsageDecimal', () => {
  it('round-trips canonical strings', () => {
    expect(usageDecimalString(parseUsageDecimal('-12.50'))).toBe('-12.5');
  });

  it.each(['1e3', '0x10', 'NaN', '', 'abc'])('refuses %j', (text) => {
    expect(() => parseUsageDecimal(text)).toThrow(RangeError);
  });
});
