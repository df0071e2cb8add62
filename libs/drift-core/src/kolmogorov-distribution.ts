import { durbinMatrixCdf } from './durbin-matrix';
import { pomeranzCdf } from './pomeranz-recursion';
import { smirnovSurvival } from './smirnov-distribution';

/**
 * Pr(D_n >= x) for the two-sided one-sample Kolmogorov-Smirnov statistic with sample size n
 * (scipy `kstwo.sf(x, n)`), choosing between exact and asymptotic methods as Simard & L'Ecuyer
 * (2011, J. Stat. Softw. 39(11)) recommend and scipy's `_kolmogn` implements.
 */
export function kolmogorovSmirnovSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 1 || Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    // Ruben & Gambino (1982): Pr(D_n <= x) = n!/n^n (2t - 1)^n for 1/(2n) <= x <= 1/n.
    if (t <= 0.5) return 1;
    const cdf =
      n <= 140
        ? productOfScaledIndices(n, 2 * t - 1)
        : Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n); // Ruben & Gambino again, for x >= 1 - 1/n
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x)); // the one-sided tails cannot overlap
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

// prod_{i=1..n} (i/n) (2t - 1), in scipy's order of operations.
function productOfScaledIndices(n: number, base: number): number {
  let product = 1;
  for (let i = 1; i <= n; i++) product *= i * (1 / n) * base;
  return product;
}

// Stirling coefficients B_2j / (2j (2j - 1)) for j = 8 down to 1.
const STIRLING_COEFFICIENTS = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
  8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
  -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

// log(n! / n^n) by Stirling's series with n log n cancelled analytically.
function logFactorialOverPower(n: number): number {
  const reciprocal = 1 / n;
  const z = reciprocal / n;
  const series = STIRLING_COEFFICIENTS.reduce((sum, coefficient) => sum * z + coefficient, 0);
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + reciprocal * series;
}

/**
 * Pelz & Good (1976, JRSS B 38(2)) approximation of Pr(D_n <= x): the Li-Chien/Korolyuk
 * expansion K0 + K1/sqrt(n) + K2/n + K3/n^1.5 rewritten with Jacobi theta identities so that it
 * converges for small z = x sqrt(n).
 */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const pi2 = Math.PI ** 2;
  const pi4 = Math.PI ** 4;
  const pi6 = Math.PI ** 6;
  const logQ = -pi2 / 8 / z2;
  if (logQ < -708) return 0;
  let q = Math.exp(logQ);

  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  // Horner over odd m = 2k - 1 of c_m q^(m^2), highest k first.
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qPower = q ** (8 * k);
    const coefficients = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m4,
      k3a + k3b * m2 + k3c * m4 + k3d * m6,
    ];
    for (let i = 0; i < 4; i++) terms[i] = terms[i]! * qPower + coefficients[i]!;
  }
  const sqrt2Pi = Math.sqrt(2 * Math.PI);
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) terms[i] = (terms[i]! * q * sqrt2Pi) / divisors[i]!;

  // The sums over all integers k that K2 and K3 also carry.
  q = Math.exp(-pi2 / 2 / z2);
  let k2Extra = 0;
  let k3Extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxK; k >= 1; k--) {
    const k2 = k ** 2;
    const qPower = q ** k2;
    const kPi = Math.PI * k;
    k2Extra += k2 * qPower;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower;
  }
  terms[2]! += (k2Extra * pi2 * sqrt2Pi) / (-36 * z3);
  terms[3]! += (k3Extra * pi2 * sqrt2Pi) / (216 * z6);
  return terms.reduce((sum, term, i) => sum + term / n ** (i / 2), 0);
}

function clip(probability: number): number {
  return Math.min(1, Math.max(0, probability));
}
