/**
 * Exact two-sided p-value of the two-sample Kolmogorov-Smirnov statistic D = h / lcm(n1, n2):
 * the share of lattice paths from (0, 0) to (n1, n2) that touch |x/n1 - y/n2| >= D.
 *
 * Follows scipy's `_attempt_exact_2kssamp`: equal sizes sum the reflection series (Hodges 1958)
 * in Horner form; unequal sizes run the "inside" recursion rewritten to yield 1 - p directly
 * (Viehmann 2021, arXiv:2102.08037), which keeps precision for small p-values.
 * NaN or a value outside [0, 1] means the computation failed.
 */
export function exactKsTwoSidedPValue(n1: number, n2: number, h: number): number {
  if (h <= 0) return 1;
  return n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, h);
}

// Pr(D_{n,n} >= h/n) = 2 sum_{k>=1} (-1)^(k-1) binom(2n, n - k h) / binom(2n, n), each ratio a
// product of h factors, nested as 2 A1 (1 - A2 (1 - A3 (...))) against cancellation.
function probabilityOutsideSquare(n: number, h: number): number {
  let probability = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    probability = ratio * (1 - probability);
  }
  return 2 * probability;
}

// Column by column over x = 0..m, A[y] holds the share of paths to (x, y) that have already left
// the band |n x - m y| < h g (in units of 1/lcm); only a sliding window of y is inside the band.
function probabilityOutsideBand(size1: number, size2: number, h: number): number {
  const m = Math.max(size1, size2);
  const n = Math.min(size1, size2);
  const g = greatestCommonDivisor(m, n);
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const column = new Float64Array(Math.min(2 * maxJ + 2, n + 1)).fill(1);
  column.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (column[jj + minJ - lastMinJ]! * i + value * j) / (i + j);
      column[jj] = value;
    }
    currentLength = maxJ - minJ;
    if (lastLength > currentLength) column.fill(1, currentLength, lastLength);
  }
  return column[maxJ - minJ - 1]!;
}

/** Greatest common divisor of two positive integers. */
export function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
