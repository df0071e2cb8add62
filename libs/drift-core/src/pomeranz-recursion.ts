import { ldexp } from './ldexp';

const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;

/**
 * Pr(D_n <= x) of the two-sided one-sample Kolmogorov-Smirnov statistic by Pomeranz's recursion
 * (Pomeranz 1974, CACM Algorithm 487), as laid out by Simard & L'Ecuyer (2011, J. Stat. Softw.
 * 39(11)): 2n + 1 rows, each the previous row convolved with one of three Poisson-like weight
 * sequences, only a narrow band of each row being non-zero. Exact; scipy uses it for n <= 140.
 */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const whole = Math.floor(t);
  const fraction = t - whole;
  const g = Math.min(fraction, 1 - fraction);
  const ceilFraction = fraction > 0 ? 1 : 0;
  const roundFraction = fraction > 0.5 ? 1 : 0;
  const powers = 2 * (whole + 1);

  // (g/n)^m/m!, (2g/n)^m/m!, ((1-2g)/n)^m/m!: Poisson probabilities without their normaliser.
  const gPowers = new Float64Array(powers);
  const twoGPowers = new Float64Array(powers);
  const oneMinusTwoGPowers = new Float64Array(powers);
  gPowers[0] = twoGPowers[0] = oneMinusTwoGPowers[0] = 1;
  for (let m = 1; m < powers; m++) {
    gPowers[m] = (gPowers[m - 1]! * (g / n)) / m;
    twoGPowers[m] = (twoGPowers[m - 1]! * ((2 * g) / n)) / m;
    oneMinusTwoGPowers[m] = (oneMinusTwoGPowers[m - 1]! * ((1 - 2 * g) / n)) / m;
  }

  let previousRow = new Float64Array(powers);
  let row = new Float64Array(powers);
  row[0] = 1;
  let previousStart = 0;
  let rowStart = 0;
  let exponent = 0;
  let [j1, j2] = bandOfRow(0, n, whole, ceilFraction, roundFraction);
  for (let i = 1; i <= 2 * n + 1; i++) {
    const k1 = j1;
    [previousRow, row] = [row, previousRow];
    [previousStart, rowStart] = [rowStart, previousStart];
    row.fill(0);
    [j1, j2] = bandOfRow(i, n, whole, ceilFraction, roundFraction);
    const weights =
      i === 1 || i === 2 * n + 1 ? gPowers : i % 2 === 1 ? twoGPowers : oneMinusTwoGPowers;
    const length = j2 - k1 + 1;
    if (length <= 0) continue;
    // Entries [j1 - k1, j2 - k1] of the full convolution of the previous band with the weights.
    const offset = k1 - previousStart;
    let largest = 0;
    for (let out = 0; out <= j2 - j1; out++) {
      const position = j1 - k1 + out;
      let sum = 0;
      for (let lag = Math.max(0, position - length + 1); lag <= position; lag++) {
        sum += previousRow[offset + position - lag]! * weights[lag]!;
      }
      row[out] = sum;
      if (sum > largest) largest = sum;
    }
    if (largest > 0 && largest < SCALE_DOWN) {
      for (let index = 0; index < row.length; index++) row[index]! *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
    rowStart = previousStart + j1 - k1;
  }

  let probability = row[n - rowStart]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(probability) > SCALE_UP) {
      probability *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    probability *= m;
  }
  if (exponent !== 0) probability = ldexp(probability, exponent);
  return Math.min(1, Math.max(0, probability));
}

// The non-zero band [j1, j2] of row i (Simard & L'Ecuyer, section 2.1).
function bandOfRow(
  i: number,
  n: number,
  whole: number,
  ceilFraction: number,
  roundFraction: number,
): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -whole - ceilFraction - 1;
    j2 = whole + ceilFraction - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - whole - ceilFraction - 1;
        j2 = n + whole + ceilFraction - 1;
      } else {
        j1 = half - 1 - whole - roundFraction - 1;
        j2 = half + whole - 1 + ceilFraction - 1;
      }
    } else {
      j1 = half - 1 - whole - 1;
      j2 = half + whole + roundFraction - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}
