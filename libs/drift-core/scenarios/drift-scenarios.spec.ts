import {
  runDriftScenarios,
  summariseScenarios,
  type ScenarioOutcome,
  type ScenarioSummary,
} from './drift-scenarios';

describe('drift scenarios through fitReference → foldRows → evaluateWindow', () => {
  let outcomes: ScenarioOutcome[];
  let summary: ScenarioSummary;

  beforeAll(() => {
    outcomes = runDriftScenarios();
    summary = summariseScenarios(outcomes);
  });

  it('covers both sample-size regimes with every default statistic', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(200);
    const used = new Set(outcomes.map((outcome) => outcome.statistic));
    expect([...used].sort()).toEqual(['chi_square', 'js', 'ks', 'wasserstein_normed', 'z']);
    expect(summary.recall.windows).toBeGreaterThanOrEqual(200);
  });

  it('catches at least 95 % of real shifts (n ≥ 500, effect ≥ 0.2 σ or 0.1 of the mass)', () => {
    expect(summary.recall.detected / summary.recall.windows).toBeGreaterThanOrEqual(0.95);
  });

  it('flags at most 5 % of the windows without drift', () => {
    expect(summary.falsePositives.windows).toBeGreaterThanOrEqual(200);
    expect(summary.falsePositives.detected / summary.falsePositives.windows).toBeLessThanOrEqual(
      0.05,
    );
  });

  it('judges no window below minSampleSize, however shifted', () => {
    const small = outcomes.filter((outcome) => outcome.scenario === 'small samples');
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((outcome) => outcome.status === 'insufficient_data')).toBe(true);
    expect(summary.smallSampleVerdicts).toBe(0);
  });
});
