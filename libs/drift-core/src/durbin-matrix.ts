import { ldexp } from './ldexp';

const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;

/**
 * Pr(D_n <= d) of the two-sided one-sample Kolmogorov-Smirnov statistic by Durbin's matrix
 * (Durbin 1968) as evaluated by Marsaglia, Tsang & Wang (2003, J. Stat. Softw. 8(18)):
 * with d = (k - h)/n, the (k, k) entry of n!/n^n H^n for a (2k - 1)-square matrix H, raised by
 * squaring with the exponent kept aside. Exact, but O(k^3 log n): scipy uses it for small n d.
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v[j] = (1 - h^(j+1)) / (j+1)!, w[j] = 1/j!; the last entry of v has its own correction.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  v[m - 1] = (1 + (Math.max(2 * h - 1, 0) ** m - 2 * h ** m)) * factorial;

  let matrix = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let row = i - 1; row < m; row++) matrix[row * m + i] = w[row - i + 1]!;
  }
  for (let row = 0; row < m; row++) matrix[row * m] = v[row]!;
  for (let column = 0; column < m; column++) matrix[(m - 1) * m + column] = v[m - 1 - column]!;

  let power = identity(m);
  let powerExponent = 0;
  let matrixExponent = 0;
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      power = multiply(power, matrix, m);
      powerExponent += matrixExponent;
    }
    matrix = multiply(matrix, matrix, m);
    matrixExponent *= 2;
    if (Math.abs(matrix[(k - 1) * m + (k - 1)]!) > SCALE_UP) {
      for (let index = 0; index < matrix.length; index++) matrix[index]! /= SCALE_UP;
      matrixExponent += SCALE_EXPONENT;
    }
  }

  let probability = power[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    probability = (i * probability) / n;
    if (Math.abs(probability) < SCALE_DOWN) {
      probability *= SCALE_UP;
      powerExponent -= SCALE_EXPONENT;
    }
  }
  if (powerExponent !== 0) probability = ldexp(probability, powerExponent);
  return Math.min(1, Math.max(0, probability));
}

function identity(m: number): Float64Array<ArrayBuffer> {
  const matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) matrix[i * m + i] = 1;
  return matrix;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const product = new Float64Array(m * m);
  for (let row = 0; row < m; row++) {
    for (let inner = 0; inner < m; inner++) {
      const factor = a[row * m + inner]!;
      if (factor === 0) continue;
      for (let column = 0; column < m; column++) {
        product[row * m + column]! += factor * b[inner * m + column]!;
      }
    }
  }
  return product;
}
