import { ldexp } from './ldexp';

describe('ldexp', () => {
  it('scales by powers of two far beyond the range of 2^exponent itself', () => {
    expect(ldexp(1.5, 3)).toBe(12);
    expect(ldexp(2 ** 600, -1500)).toBe(2 ** -900);
    expect(ldexp(2 ** -600, 1500)).toBe(2 ** 900);
  });
});
