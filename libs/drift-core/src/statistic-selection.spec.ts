import type { CategoricalColumnStatistics, NumericColumnStatistics } from './drift-types';
import type { FeatureSpec } from './model-spec';
import { selectStatistic, statisticValue } from './statistic-selection';

const numericFeature: FeatureSpec = { name: 'amount', kind: 'numeric' };
const categoricalFeature: FeatureSpec = { name: 'plan', kind: 'categorical' };

function numeric(overrides: Partial<NumericColumnStatistics> = {}): NumericColumnStatistics {
  return {
    kind: 'numeric',
    referenceCount: 10_000,
    currentCount: 500,
    ks: { statistic: 0.08, pValue: 0.003, method: 'exact' },
    psi: 0.04,
    kl: 0.02,
    js: 0.07,
    wasserstein: 1.5,
    wassersteinNormed: 0.15,
    approximate: { ks: false, wasserstein: false },
    ...overrides,
  };
}

function categorical(
  overrides: Partial<CategoricalColumnStatistics> = {},
): CategoricalColumnStatistics {
  return {
    kind: 'categorical',
    referenceCount: 10_000,
    currentCount: 500,
    categories: ['basic', 'pro', 'team'],
    newCategories: [],
    psi: 0.3,
    kl: 0.12,
    js: 0.2,
    chiSquare: { statistic: 40, pValue: 2e-9, degreesOfFreedom: 2 },
    z: null,
    ...overrides,
  };
}

describe('selectStatistic', () => {
  it('judges small numeric windows by KS and large ones by normed Wasserstein', () => {
    expect(selectStatistic(numericFeature, numeric({ currentCount: 1000 }))).toEqual({
      statistic: 'ks',
      threshold: 0.05,
    });
    expect(selectStatistic(numericFeature, numeric({ currentCount: 1001 }))).toEqual({
      statistic: 'wasserstein_normed',
      threshold: 0.1,
    });
  });

  it('falls back to PSI for a large window against a constant reference', () => {
    expect(
      selectStatistic(numericFeature, numeric({ currentCount: 5000, wassersteinNormed: null })),
    ).toEqual({ statistic: 'psi', threshold: 0.2 });
  });

  it('judges categorical windows by Z for two categories, chi-square for more, JS when large', () => {
    const z = { statistic: 3, pValue: 0.0027 };
    expect(
      selectStatistic(categoricalFeature, categorical({ categories: ['no', 'yes'], z })),
    ).toEqual({ statistic: 'z', threshold: 0.05 });
    expect(selectStatistic(categoricalFeature, categorical())).toEqual({
      statistic: 'chi_square',
      threshold: 0.05,
    });
    expect(
      selectStatistic(
        categoricalFeature,
        categorical({ currentCount: 1001, categories: ['no', 'yes'], z }),
      ),
    ).toEqual({ statistic: 'js', threshold: 0.1 });
  });

  it('turns to JS when a new category makes chi-square impossible', () => {
    expect(
      selectStatistic(
        categoricalFeature,
        categorical({
          categories: ['basic', 'enterprise', 'pro'],
          newCategories: ['enterprise'],
          chiSquare: null,
        }),
      ),
    ).toEqual({ statistic: 'js', threshold: 0.1 });
  });

  it("uses the feature's own statistic, with its threshold or the statistic's default", () => {
    expect(selectStatistic({ ...numericFeature, statistic: 'psi' }, numeric())).toEqual({
      statistic: 'psi',
      threshold: 0.2,
    });
    expect(
      selectStatistic(
        { ...numericFeature, statistic: 'ks', threshold: 0.01 },
        numeric({ currentCount: 50_000 }),
      ),
    ).toEqual({ statistic: 'ks', threshold: 0.01 });
    expect(
      selectStatistic({ ...categoricalFeature, statistic: 'kl', threshold: 0.5 }, categorical()),
    ).toEqual({ statistic: 'kl', threshold: 0.5 });
  });

  it("falls back to the automatic choice when the feature's statistic is undefined for the window", () => {
    expect(
      selectStatistic(
        { ...numericFeature, statistic: 'wasserstein_normed', threshold: 0.3 },
        numeric({ wassersteinNormed: null }),
      ),
    ).toEqual({ statistic: 'ks', threshold: 0.05 });
    expect(selectStatistic({ ...categoricalFeature, statistic: 'z' }, categorical())).toEqual({
      statistic: 'chi_square',
      threshold: 0.05,
    });
  });
});

describe('statisticValue', () => {
  it('reads p-values for tests and distances for the others', () => {
    const stats = numeric();
    expect(statisticValue(stats, 'ks')).toBe(0.003);
    expect(statisticValue(stats, 'wasserstein_normed')).toBe(0.15);
    expect(statisticValue(stats, 'wasserstein')).toBe(1.5);
    expect(statisticValue(stats, 'psi')).toBe(0.04);
    expect(statisticValue(categorical(), 'chi_square')).toBe(2e-9);
    expect(statisticValue(categorical(), 'js')).toBe(0.2);
    expect(statisticValue(categorical({ z: { statistic: 1, pValue: 0.3 } }), 'z')).toBe(0.3);
  });

  it('answers null for a statistic the column cannot have', () => {
    expect(statisticValue(numeric(), 'chi_square')).toBeNull();
    expect(statisticValue(numeric({ ks: null }), 'ks')).toBeNull();
    expect(statisticValue(categorical(), 'ks')).toBeNull();
    expect(statisticValue(categorical(), 'z')).toBeNull();
  });
});
