/** x * 2^exponent without overflowing 2^exponent on the way (C's ldexp). */
export function ldexp(x: number, exponent: number): number {
  let result = x;
  let remaining = exponent;
  while (remaining > 1023) {
    result *= 2 ** 1023;
    remaining -= 1023;
  }
  while (remaining < -1022) {
    result *= 2 ** -1022;
    remaining += 1022;
  }
  return result * 2 ** remaining;
}
