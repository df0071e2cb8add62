import type { PageHinkleyState, SampleRow, SampleValue, WindowState } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { kolmogorovSmirnovTest } from './ks';
import { modelSpecSchema, type ModelSpec } from './model-spec';
import { fitReference } from './reference-fit';
import { evaluateWindow, type WindowEvaluation } from './window-evaluation';
import { emptyWindowState, foldRows } from './window-state';

type Columns = Record<string, SampleValue[]>;

interface Extra {
  prediction?: SampleValue[];
  label?: SampleValue[];
}

function rowsOf(columns: Columns, extra: Extra = {}): SampleRow[] {
  const length = Object.values(columns)[0]?.length ?? extra.prediction?.length ?? 0;
  return Array.from({ length }, (_, i) => ({
    timestamp: '2026-03-01T10:00:00Z',
    features: Object.fromEntries(
      Object.entries(columns).map(([name, values]) => [name, values[i]!]),
    ),
    ...(extra.prediction ? { prediction: extra.prediction[i]! } : {}),
    ...(extra.label ? { label: extra.label[i]! } : {}),
  }));
}

/** n evenly spaced values over [from, to). */
function grid(n: number, from: number, to: number): number[] {
  return Array.from({ length: n }, (_, i) => from + ((i + 0.5) * (to - from)) / n);
}

/** n categories, `first` of them the first value and the rest the second. */
function split(n: number, first: number, [a, b]: [string, string]): string[] {
  return Array.from({ length: n }, (_, i) => (i < first ? a : b));
}

function model(spec: Record<string, unknown>): ModelSpec {
  return modelSpecSchema.parse({ key: 'churn', ...spec });
}

function evaluate(
  spec: ModelSpec,
  reference: { columns: Columns; extra?: Extra },
  current: { columns: Columns; extra?: Extra },
  pageHinkley: PageHinkleyState | null = null,
): WindowEvaluation {
  const profile = fitReference(rowsOf(reference.columns, reference.extra), spec);
  const state = foldRows(
    emptyWindowState(spec, profile),
    rowsOf(current.columns, current.extra),
    spec,
    profile,
  );
  return evaluateWindow({ model: spec, reference: profile, state, pageHinkley });
}

const amountModel = model({ features: [{ name: 'amount', kind: 'numeric' }] });
const amountReference = { columns: { amount: grid(2000, 0, 100) } };

describe('evaluateWindow', () => {
  it('judges a small numeric window by KS, its D the effect, uncorrected by default', () => {
    const current = grid(500, 30, 130);
    const { verdict } = evaluate(amountModel, amountReference, { columns: { amount: current } });
    const expected = kolmogorovSmirnovTest(grid(2000, 0, 100), current);
    const [amount] = verdict.features;
    expect(amount).toEqual({
      column: 'amount',
      kind: 'numeric',
      statistic: 'ks',
      value: expected.pValue,
      adjustedPValue: expected.pValue,
      threshold: 0.05,
      effect: expected.statistic,
      status: 'drift',
      referenceCount: 2000,
      currentCount: 500,
      newCategories: [],
      approximate: false,
    });
    expect(amount!.effect).toBeCloseTo(0.3, 2);
    expect(verdict).toMatchObject({
      driftedShare: 1,
      datasetDrift: true,
      status: 'drift',
      severity: 'critical',
      topFeatures: [amount],
      prediction: null,
      performance: null,
    });
  });

  it('judges a large numeric window by normed Wasserstein from its sketch', () => {
    const { verdict } = evaluate(amountModel, amountReference, {
      columns: { amount: grid(2000, 30, 130) },
    });
    const [amount] = verdict.features;
    expect(amount).toMatchObject({
      statistic: 'wasserstein_normed',
      threshold: 0.1,
      adjustedPValue: null,
      status: 'drift',
      approximate: true,
    });
    // A shift of 30 over a reference standard deviation of 100 / √12.
    expect(amount!.value! / (30 / (100 / Math.sqrt(12)))).toBeCloseTo(1, 2);
    expect(amount!.effect).toBe(amount!.value);
  });

  it('finds no drift in a window like the reference', () => {
    const { verdict } = evaluate(amountModel, amountReference, {
      columns: { amount: grid(500, 0, 100) },
    });
    expect(verdict.features[0]!.status).toBe('no_drift');
    expect(verdict).toMatchObject({
      status: 'no_drift',
      severity: null,
      driftedShare: 0,
      datasetDrift: false,
      topFeatures: [],
    });
  });

  it('needs the effect size floor as well as significance', () => {
    const strict = model({
      features: [{ name: 'amount', kind: 'numeric' }],
      policy: { effectSizeFloor: 0.35 },
    });
    const { verdict } = evaluate(strict, amountReference, {
      columns: { amount: grid(500, 30, 130) },
    });
    expect(verdict.features[0]!.adjustedPValue).toBeLessThan(1e-10);
    expect(verdict.features[0]!.status).toBe('no_drift');
  });

  it('calls a minority of drifted features a warning, not dataset drift', () => {
    const four = model({
      features: ['a', 'b', 'c', 'd'].map((name) => ({ name, kind: 'numeric' })),
    });
    const steady = grid(500, 0, 100);
    const { verdict } = evaluate(
      four,
      {
        columns: {
          a: grid(2000, 0, 100),
          b: grid(2000, 0, 100),
          c: grid(2000, 0, 100),
          d: grid(2000, 0, 100),
        },
      },
      { columns: { a: grid(500, 30, 130), b: steady, c: steady, d: steady } },
    );
    expect(verdict.features.map((feature) => feature.status)).toEqual([
      'drift',
      'no_drift',
      'no_drift',
      'no_drift',
    ]);
    expect(verdict).toMatchObject({ driftedShare: 0.25, datasetDrift: false, severity: 'warning' });
    expect(verdict.topFeatures.map((feature) => feature.column)).toEqual(['a']);
  });

  describe('multiple testing across the features of a window', () => {
    // Two yes/no flags whose share of "no" falls from 70 % to 64.4 %: Z p ≈ 0.0282, effect 0.056
    // (scipy: 2 * norm.sf(2.194215418635082)).
    const reference = {
      columns: { first: split(1000, 700, ['no', 'yes']), second: split(1000, 700, ['no', 'yes']) },
      extra: { prediction: split(1000, 700, ['no', 'yes']) },
    };
    const current = {
      columns: { first: split(500, 322, ['no', 'yes']), second: split(500, 322, ['no', 'yes']) },
      extra: { prediction: split(500, 322, ['no', 'yes']) },
    };
    const flags = (correction: string) =>
      model({
        features: [
          { name: 'first', kind: 'categorical' },
          { name: 'second', kind: 'categorical' },
        ],
        prediction: { name: 'churned', kind: 'categorical' },
        policy: { correction },
      });

    it('drifts on each p-value without correction', () => {
      const { verdict } = evaluate(flags('none'), reference, current);
      for (const feature of verdict.features) {
        expect(feature).toMatchObject({ statistic: 'z', status: 'drift' });
        expect(feature.value).toBeCloseTo(0.02821992663042582, 10);
        expect(feature.effect).toBeCloseTo(0.056, 12);
      }
    });

    it('doubles the p-values with Bonferroni, which ends the drift; the prediction is not corrected', () => {
      const { verdict } = evaluate(flags('bonferroni'), reference, current);
      for (const feature of verdict.features) {
        expect(feature.adjustedPValue).toBeCloseTo(2 * feature.value!, 15);
        expect(feature.status).toBe('no_drift');
      }
      expect(verdict.prediction).toMatchObject({ column: 'churned', status: 'drift' });
      expect(verdict.prediction!.adjustedPValue).toBe(verdict.prediction!.value);
      expect(verdict).toMatchObject({ driftedShare: 0, severity: 'warning', status: 'drift' });
      expect(verdict.topFeatures).toEqual([verdict.prediction]);
    });

    it('keeps equal p-values with Benjamini-Hochberg', () => {
      const { verdict } = evaluate(flags('benjamini_hochberg'), reference, current);
      for (const feature of verdict.features) {
        expect(feature.adjustedPValue).toBeCloseTo(feature.value!, 15);
        expect(feature.status).toBe('drift');
      }
    });
  });

  describe('new categories', () => {
    const plans = model({ features: [{ name: 'plan', kind: 'categorical' }] });
    const reference = {
      columns: {
        plan: [...Array(500).fill('basic'), ...Array(300).fill('pro'), ...Array(200).fill('team')],
      },
    };
    const window = (counts: Record<string, number>) => ({
      columns: { plan: Object.entries(counts).flatMap(([plan, count]) => Array(count).fill(plan)) },
    });

    it('are reported, and alone are not drift: JS judges the window when chi-square cannot', () => {
      const { verdict } = evaluate(
        plans,
        reference,
        window({ basic: 245, pro: 150, team: 100, enterprise: 5 }),
      );
      // scipy jensenshannon([0, 500, 300, 200], [5, 245, 150, 100], base=2) = 0.07096782589667254
      expect(verdict.features[0]).toMatchObject({
        statistic: 'js',
        status: 'no_drift',
        newCategories: ['enterprise'],
        adjustedPValue: null,
      });
      expect(verdict.features[0]!.value).toBeCloseTo(0.07096782589667254, 10);
    });

    it('count through the statistic they move', () => {
      const { verdict } = evaluate(
        plans,
        reference,
        window({ basic: 150, pro: 100, team: 50, enterprise: 200 }),
      );
      expect(verdict.features[0]).toMatchObject({
        statistic: 'js',
        status: 'drift',
        newCategories: ['enterprise'],
      });
    });

    it('leave chi-square to judge a window without them', () => {
      const { verdict } = evaluate(plans, reference, window({ basic: 250, pro: 150, team: 100 }));
      expect(verdict.features[0]).toMatchObject({
        statistic: 'chi_square',
        status: 'no_drift',
        newCategories: [],
      });
      expect(verdict.features[0]!.effect).toBeCloseTo(0, 12);
    });
  });

  it('judges a distance the feature asks for by its threshold', () => {
    const psiModel = model({ features: [{ name: 'amount', kind: 'numeric', statistic: 'psi' }] });
    const { verdict } = evaluate(psiModel, amountReference, {
      columns: { amount: grid(500, 30, 130) },
    });
    expect(verdict.features[0]).toMatchObject({
      statistic: 'psi',
      threshold: 0.2,
      adjustedPValue: null,
      status: 'drift',
    });
    expect(verdict.features[0]!.effect).toBe(verdict.features[0]!.value);
    expect(verdict.features[0]!.value).toBeGreaterThan(0.2);
  });

  it('gives insufficient_data below minSampleSize and leaves those features out of the share', () => {
    const two = model({
      features: [
        { name: 'amount', kind: 'numeric' },
        { name: 'plan', kind: 'categorical' },
      ],
    });
    const reference = {
      columns: { amount: grid(1000, 0, 100), plan: split(1000, 500, ['basic', 'pro']) },
    };
    const { verdict } = evaluate(two, reference, {
      columns: {
        amount: grid(500, 30, 130),
        plan: [...Array<string>(99).fill('pro'), ...Array<null>(401).fill(null)],
      },
    });
    expect(verdict.features[1]).toMatchObject({
      column: 'plan',
      status: 'insufficient_data',
      value: null,
      adjustedPValue: null,
      effect: null,
      currentCount: 99,
    });
    expect(verdict).toMatchObject({ driftedShare: 1, datasetDrift: true, status: 'drift' });
  });

  it('gives insufficient_data to a window where nothing could be judged', () => {
    const { verdict } = evaluate(amountModel, amountReference, {
      columns: { amount: grid(20, 30, 130) },
    });
    expect(verdict).toMatchObject({
      status: 'insufficient_data',
      driftedShare: null,
      datasetDrift: false,
      severity: null,
      topFeatures: [],
    });
  });

  it('ranks at most five drifted columns by effect, largest first', () => {
    const shifts = [10, 70, 30, 50, 20, 60, 40];
    const seven = model({ features: shifts.map((_, i) => ({ name: `f${i}`, kind: 'numeric' })) });
    const { verdict } = evaluate(
      seven,
      { columns: Object.fromEntries(shifts.map((_, i) => [`f${i}`, grid(1000, 0, 100)])) },
      {
        columns: Object.fromEntries(
          shifts.map((shift, i) => [`f${i}`, grid(500, shift, shift + 100)]),
        ),
      },
    );
    expect(verdict.features.every((feature) => feature.status === 'drift')).toBe(true);
    expect(verdict.topFeatures.map((feature) => feature.column)).toEqual([
      'f1',
      'f5',
      'f3',
      'f6',
      'f2',
    ]);
  });

  it('refuses a reference that lacks a feature of the model', () => {
    const profile = fitReference(rowsOf(amountReference.columns), amountModel);
    const wider = model({
      features: [
        { name: 'amount', kind: 'numeric' },
        { name: 'plan', kind: 'categorical' },
      ],
    });
    const state: WindowState = emptyWindowState(amountModel, profile);
    expect(() =>
      evaluateWindow({ model: wider, reference: profile, state, pageHinkley: null }),
    ).toThrow(InvalidDriftInputError);
  });

  describe('performance', () => {
    const classifier = model({
      features: [{ name: 'amount', kind: 'numeric' }],
      prediction: { name: 'churned', kind: 'categorical' },
      performance: { metric: 'accuracy' },
    });
    // 1,000 reference rows, 90 % predicted right.
    const reference = {
      columns: { amount: grid(1000, 0, 100) },
      extra: {
        prediction: split(1000, 500, ['no', 'yes']),
        label: [...split(900, 500, ['no', 'yes']), ...split(100, 0, ['no', 'no'])],
      },
    };
    /** A window of n labelled rows, `right` of them predicted right. */
    const labelled = (n: number, right: number) => ({
      columns: { amount: grid(n, 0, 100) },
      extra: {
        prediction: Array<string>(n).fill('yes'),
        label: [...Array<string>(right).fill('yes'), ...Array<string>(n - right).fill('no')],
      },
    });

    it('drifts when accuracy falls further below the reference than the tolerance', () => {
      const { verdict, pageHinkley } = evaluate(classifier, reference, labelled(200, 160));
      expect(verdict.performance).toEqual({
        metric: 'accuracy',
        reference: 0.9,
        current: 0.8,
        labelled: 200,
        status: 'drift',
        changeDetected: false,
      });
      expect(verdict).toMatchObject({ status: 'drift', severity: 'critical' });
      expect(pageHinkley).toMatchObject({ n: 1 });
      expect(pageHinkley!.mean).toBeCloseTo(0.2, 12);
    });

    it('stays clean within the tolerance', () => {
      const { verdict } = evaluate(classifier, reference, labelled(200, 176));
      expect(verdict.performance).toMatchObject({ status: 'no_drift', current: 0.88 });
    });

    it('is insufficient with fewer labels than minLabels and leaves the detector as it was', () => {
      const detector = { n: 3, mean: 0.1, cumulative: -0.015, minimum: -0.015 };
      const { verdict, pageHinkley } = evaluate(classifier, reference, labelled(20, 2), detector);
      expect(verdict.performance).toMatchObject({
        status: 'insufficient_data',
        labelled: 20,
        current: 0.1,
      });
      expect(pageHinkley).toBe(detector);
    });

    it('drifts when Page-Hinkley sees the error rise, even within the tolerance', () => {
      const lenient = model({
        features: [{ name: 'amount', kind: 'numeric' }],
        prediction: { name: 'churned', kind: 'categorical' },
        performance: { metric: 'accuracy', tolerance: 0.5 },
      });
      let detector: PageHinkleyState | null = null;
      const verdicts = [190, 190, 150].map((right) => {
        const evaluation = evaluate(lenient, reference, labelled(200, right), detector);
        detector = evaluation.pageHinkley;
        return evaluation.verdict.performance;
      });
      expect(verdicts.map((performance) => performance?.status)).toEqual([
        'no_drift',
        'no_drift',
        'drift',
      ]);
      expect(verdicts[2]!.changeDetected).toBe(true);
      expect(detector).toBeNull();
    });

    it('measures MAE from the summed absolute errors', () => {
      const regressor = model({
        features: [{ name: 'amount', kind: 'numeric' }],
        prediction: { name: 'spend', kind: 'numeric' },
        performance: { metric: 'mae', tolerance: 0.5 },
      });
      const { verdict } = evaluate(
        regressor,
        {
          columns: { amount: grid(100, 0, 100) },
          extra: {
            prediction: grid(100, 0, 10),
            label: grid(100, 0, 10).map((value) => value + 1),
          },
        },
        {
          columns: { amount: grid(100, 0, 100) },
          extra: {
            prediction: grid(100, 0, 10),
            label: grid(100, 0, 10).map((value, i) => value + (i % 2 === 0 ? 2.5 : -2)),
          },
        },
      );
      expect(verdict.performance).toMatchObject({
        metric: 'mae',
        reference: 1,
        labelled: 100,
        status: 'drift',
      });
      expect(verdict.performance!.current).toBeCloseTo(2.25, 9);
    });

    it('is not judged without labels in the reference', () => {
      const { verdict } = evaluate(
        classifier,
        {
          columns: { amount: grid(1000, 0, 100) },
          extra: { prediction: split(1000, 500, ['no', 'yes']) },
        },
        labelled(200, 100),
      );
      expect(verdict.performance).toBeNull();
    });
  });
});
