import { seededRandom, standardNormal } from '../scenarios/seeded-random';
import fc from 'fast-check';
import { categoricalDrift } from './categorical-drift';
import { compareColumn } from './column-comparison';
import type {
  ColumnReference,
  NumericColumnStatistics,
  SampleRow,
  SampleValue,
  WindowColumn,
} from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { modelSpecSchema, type ModelSpec } from './model-spec';
import { numericDrift } from './numeric-drift';
import { fitReference } from './reference-fit';
import { EXACT_WINDOW_LIMIT, emptyWindowState, foldRows } from './window-state';

const numericModel = (bins = 10, referenceSampleLimit = 100_000) =>
  modelSpecSchema.parse({
    key: 'm',
    features: [{ name: 'x', kind: 'numeric', bins }],
    referenceSampleLimit,
  });

const categoricalModel = modelSpecSchema.parse({
  key: 'm',
  features: [{ name: 'x', kind: 'categorical' }],
});

// Feature x's reference column and window column, fitted and folded as the service does.
function columnsOf(
  model: ModelSpec,
  reference: readonly SampleValue[],
  current: readonly SampleValue[],
): [ColumnReference, WindowColumn] {
  const rowsOf = (values: readonly SampleValue[]): SampleRow[] =>
    values.map((x) => ({ timestamp: '2026-11-25T10:15:00Z', features: { x } }));
  const profile = fitReference(rowsOf(reference), model);
  const state = foldRows(emptyWindowState(model, profile), rowsOf(current), model, profile);
  return [profile.features.x!, state.features.x!];
}

// The same columns as if both sides had outgrown their exact values.
function sketchOnly([reference, current]: [ColumnReference, WindowColumn]): [
  ColumnReference,
  WindowColumn,
] {
  if (reference.kind !== 'numeric' || current.kind !== 'numeric') throw new Error('numeric only');
  return [
    { ...reference, sample: null },
    { ...current, values: null },
  ];
}

const numericCompared = (columns: [ColumnReference, WindowColumn]) =>
  compareColumn(...columns) as NumericColumnStatistics;

const sample = fc.array(
  fc.oneof(
    fc.integer({ min: -20, max: 20 }),
    fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((x) => x + 0),
  ),
  { minLength: 1, maxLength: 120 },
);

const meanMagnitude = (values: number[]) =>
  values.reduce((sum, x) => sum + Math.abs(x), 0) / values.length;

describe('compareColumn on numeric columns', () => {
  it('equals numericDrift when both sides kept their values', () => {
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: 2, max: 12 }), (reference, current, bins) => {
        const exact = numericDrift({ reference, current, bins });
        expect(compareColumn(...columnsOf(numericModel(bins), reference, current))).toEqual({
          kind: 'numeric',
          referenceCount: reference.length,
          currentCount: current.length,
          ks: exact.ks,
          psi: exact.psi,
          kl: exact.kl,
          js: exact.jsDistance,
          wasserstein: exact.wasserstein,
          wassersteinNormed: exact.wassersteinNormed,
          approximate: { ks: false, wasserstein: false },
        });
      }),
    );
  });

  it('from sketches never overstates KS D and misses Wasserstein by at most the bucket widths', () => {
    fc.assert(
      fc.property(sample, sample, (reference, current) => {
        const exact = numericDrift({ reference, current, bins: 10 });
        const sketched = numericCompared(sketchOnly(columnsOf(numericModel(), reference, current)));
        expect(sketched.approximate).toEqual({ ks: true, wasserstein: true });
        expect(sketched.ks!.method).toBe('asymptotic');
        expect(sketched.ks!.statistic).toBeLessThanOrEqual(exact.ks.statistic + 1e-12);
        // Each quantile stays in its bucket, which is 2 % of its value wide.
        expect(Math.abs(sketched.wasserstein! - exact.wasserstein)).toBeLessThanOrEqual(
          0.0203 * (meanMagnitude(reference) + meanMagnitude(current)) + 1e-9,
        );
        expect([sketched.psi, sketched.kl, sketched.js]).toEqual([
          exact.psi,
          exact.kl,
          exact.jsDistance,
        ]);
      }),
    );
  });

  it('uses the sketches when either side outgrew its exact values', () => {
    const values = Array.from({ length: 1200 }, (_, i) => (i * 7919) % 1201);
    const smallReference = numericCompared(columnsOf(numericModel(), values.slice(0, 50), values));
    expect(smallReference.approximate).toEqual({ ks: true, wasserstein: true });
    const bigReference = numericCompared(
      columnsOf(numericModel(10, 1000), values, values.slice(0, EXACT_WINDOW_LIMIT)),
    );
    expect(bigReference.approximate).toEqual({ ks: true, wasserstein: true });
    expect(bigReference.ks!.method).toBe('asymptotic');
  });

  it('answers no statistics for an empty window, and no normed distance for a constant reference', () => {
    const [reference] = columnsOf(numericModel(), [1, 2, 3], [1]);
    const [, empty] = columnsOf(numericModel(), [1, 2, 3], [null]);
    expect(compareColumn(reference, empty)).toEqual({
      kind: 'numeric',
      referenceCount: 3,
      currentCount: 0,
      ks: null,
      psi: null,
      kl: null,
      js: null,
      wasserstein: null,
      wassersteinNormed: null,
      approximate: { ks: false, wasserstein: false },
    });
    const constant = numericCompared(columnsOf(numericModel(), [4, 4, 4], [4, 5]));
    expect(constant.wasserstein).toBe(0.5);
    expect(constant.wassersteinNormed).toBeNull();
  });

  it('refuses to compare columns of different kinds', () => {
    const [numeric] = columnsOf(numericModel(), [1, 2], [1]);
    const [, categorical] = columnsOf(categoricalModel, ['a'], ['a']);
    expect(() => compareColumn(numeric, categorical)).toThrow(InvalidDriftInputError);
  });
});

describe('compareColumn on sketches of 100,000-row samples', () => {
  // Measured on these samples (seed 20261125): |ΔD| ≤ 0.0003, |ΔW| ≤ 7e-5 sd (≤ 1.3 % of W);
  // seeds 1 to 3 stay within 0.0005 and 8e-5 sd. The bounds leave room for other samples.
  const n = 100_000;
  const random = seededRandom(20261125);
  const normal = standardNormal(random);
  const draw = (value: () => number) => Array.from({ length: n }, value);
  const bimodal = (share: number) => () => (random() < share ? -3 : 3) + normal();

  it.each([
    ['normal, no drift', normal, normal],
    ['normal, shifted 0.05 sd', normal, () => normal() + 0.05],
    ['normal, 20 % wider', normal, () => 1.2 * normal()],
    ['lognormal, no drift', () => Math.exp(normal()), () => Math.exp(normal())],
    ['lognormal, shifted 0.1 in log', () => Math.exp(normal()), () => Math.exp(normal() + 0.1)],
    ['bimodal, no drift', bimodal(0.5), bimodal(0.5)],
    ['bimodal, 60/40', bimodal(0.5), bimodal(0.6)],
  ])('stays within |ΔD| ≤ 0.002 and |ΔW| ≤ 2e-4 sd: %s', (_case, referenceValue, currentValue) => {
    const reference = draw(referenceValue);
    const current = draw(currentValue);
    const exact = numericDrift({ reference, current, bins: 10 });
    const [referenceColumn, currentColumn] = columnsOf(numericModel(10, 1000), reference, current);
    const sketched = numericCompared([referenceColumn, currentColumn]);
    const std = referenceColumn.kind === 'numeric' ? referenceColumn.std : NaN;
    expect(sketched.approximate).toEqual({ ks: true, wasserstein: true });
    expect(Math.abs(sketched.ks!.statistic - exact.ks.statistic)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(sketched.wasserstein! - exact.wasserstein)).toBeLessThanOrEqual(2e-4 * std);
    expect(sketched.wassersteinNormed).toBeCloseTo(exact.wassersteinNormed!, 3);
  });
});

describe('compareColumn on categorical columns', () => {
  it('equals categoricalDrift on the counts, categories as strings', () => {
    const category = fc.constantFrom<SampleValue>('a', 'b', 'c', true, 3);
    fc.assert(
      fc.property(
        fc.array(category, { minLength: 1, maxLength: 50 }),
        fc.array(category, { minLength: 1, maxLength: 50 }),
        (reference, current) => {
          const exact = categoricalDrift({
            referenceCounts: countsOf(reference),
            currentCounts: countsOf(current),
          });
          expect(compareColumn(...columnsOf(categoricalModel, reference, current))).toEqual({
            kind: 'categorical',
            referenceCount: reference.length,
            currentCount: current.length,
            categories: exact.categories,
            newCategories: exact.newCategories,
            psi: exact.psi,
            kl: exact.kl,
            js: exact.jsDistance,
            chiSquare: exact.chiSquare,
            z: exact.twoProportionZ,
          });
        },
      ),
    );
  });

  it('answers no statistics for an empty window', () => {
    const [reference, empty] = columnsOf(categoricalModel, ['a', 'b'], [null, null]);
    expect(compareColumn(reference, empty)).toEqual({
      kind: 'categorical',
      referenceCount: 2,
      currentCount: 0,
      categories: [],
      newCategories: [],
      psi: null,
      kl: null,
      js: null,
      chiSquare: null,
      z: null,
    });
  });
});

function countsOf(values: readonly SampleValue[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return counts;
}
