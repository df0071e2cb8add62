import type { ReferenceProfile, SampleRow, WindowVerdict } from '../src/drift-types';
import { modelSpecSchema, type ModelSpec, type StatisticName } from '../src/model-spec';
import { fitReference } from '../src/reference-fit';
import { evaluateWindow } from '../src/window-evaluation';
import { emptyWindowState, foldRows } from '../src/window-state';
import { seededRandom, standardNormal } from './seeded-random';

/** The kinds of window the suite generates. */
export type ScenarioName =
  'no drift' | 'mean shift' | 'variance change' | 'category mix shift' | 'small samples';

/** One generated window, judged through fitReference → foldRows → evaluateWindow. */
export interface ScenarioOutcome {
  scenario: ScenarioName;
  /** Current rows in the window. */
  n: number;
  /**
   * Size of the shift: in reference standard deviations for numeric features (how far the mean
   * moved, or how much the standard deviation grew), as moved probability mass for categorical
   * ones; 0 without drift.
   */
  effect: number;
  /** A shift the suite promises to catch: n ≥ 500 and effect ≥ 0.2 σ, or ≥ 0.1 of the mass. */
  realShift: boolean;
  statistic: StatisticName;
  status: WindowVerdict['status'];
}

/** Windows of a group and how many were judged drifted. */
export interface DetectionCount {
  windows: number;
  detected: number;
}

/** Detection rates over a suite of windows. */
export interface ScenarioSummary {
  rows: (DetectionCount & {
    scenario: ScenarioName;
    statistic: StatisticName;
    realShifts: DetectionCount;
  })[];
  recall: DetectionCount;
  falsePositives: DetectionCount;
  /** Small windows that got anything but insufficient_data. */
  smallSampleVerdicts: number;
}

export const DEFAULT_SCENARIO_SEED = 20_260_301;
export const MIN_NUMERIC_EFFECT = 0.2;
export const MIN_CATEGORICAL_EFFECT = 0.1;
export const MIN_RECALL_SIZE = 500;

const REFERENCE_ROWS = 10_000;
const MEAN = 50;
const SIGMA = 10;
const COLOURS = ['blue', 'green', 'red', 'yellow'];
const COLOUR_SHARES = [0.3, 0.2, 0.4, 0.1];
const RED = 2;
const MEMBER_SHARE = 0.3;
const TIMESTAMP = '2026-03-01T12:00:00Z';

type Values = () => Record<string, number | string>;

interface WindowPlan {
  scenario: ScenarioName;
  model: ModelSpec;
  n: number;
  effect: number;
  values: Values;
}

const numericModel = scenarioModel('scenario-numeric', { name: 'x', kind: 'numeric' });
const colourModel = scenarioModel('scenario-colour', { name: 'colour', kind: 'categorical' });
const memberModel = scenarioModel('scenario-member', { name: 'member', kind: 'categorical' });

/**
 * Generates 540 windows from a seed and judges each through the real path against references of
 * 10,000 rows: no drift (numeric N(50, 10²), four colours, a yes/no flag), mean shifts of
 * 0.2–1 σ, variance × 1.3–2, category mixes with 10–25 % of the mass moved, and windows below
 * minSampleSize. Window sizes alternate between 500..1,000 (KS, chi-square, Z) and 1,001..5,000
 * (normed Wasserstein, Jensen-Shannon).
 */
export function runDriftScenarios(seed = DEFAULT_SCENARIO_SEED): ScenarioOutcome[] {
  const random = seededRandom(seed);
  const normal = standardNormal(random);
  const numeric = (mean: number, sigma: number) => () => ({ x: mean + sigma * normal() });
  const colour = (shares: readonly number[]) => () => ({ colour: pick(random, COLOURS, shares) });
  const member = (share: number) => () => ({ member: random() < share ? 'yes' : 'no' });
  const size = (i: number) =>
    i % 2 === 0 ? integer(random, 500, 1000) : integer(random, 1001, 5000);
  const sign = () => (random() < 0.5 ? -1 : 1);

  const references = new Map<ModelSpec, ReferenceProfile>([
    [numericModel, fitReference(rows(REFERENCE_ROWS, numeric(MEAN, SIGMA)), numericModel)],
    [colourModel, fitReference(rows(REFERENCE_ROWS, colour(COLOUR_SHARES)), colourModel)],
    [memberModel, fitReference(rows(REFERENCE_ROWS, member(MEMBER_SHARE)), memberModel)],
  ]);
  const plans: WindowPlan[] = [];
  const plan = (count: number, next: (i: number) => Omit<WindowPlan, 'scenario'>) => ({
    as: (scenario: ScenarioName) => {
      for (let i = 0; i < count; i++) plans.push({ scenario, ...next(i) });
    },
  });

  plan(120, (i) => ({
    model: numericModel,
    n: size(i),
    effect: 0,
    values: numeric(MEAN, SIGMA),
  })).as('no drift');
  plan(60, (i) => ({
    model: colourModel,
    n: size(i),
    effect: 0,
    values: colour(COLOUR_SHARES),
  })).as('no drift');
  plan(60, (i) => ({ model: memberModel, n: size(i), effect: 0, values: member(MEMBER_SHARE) })).as(
    'no drift',
  );
  plan(100, (i) => {
    const effect = uniform(random, 0.2, 1);
    return {
      model: numericModel,
      n: size(i),
      effect,
      values: numeric(MEAN + sign() * effect * SIGMA, SIGMA),
    };
  }).as('mean shift');
  plan(100, (i) => {
    const spread = Math.sqrt(uniform(random, 1.3, 2));
    return {
      model: numericModel,
      n: size(i),
      effect: spread - 1,
      values: numeric(MEAN, SIGMA * spread),
    };
  }).as('variance change');
  plan(40, (i) => {
    // Mass moves from red, the commonest colour, to one of the others.
    const moved = uniform(random, 0.1, 0.25);
    const shares = [...COLOUR_SHARES];
    shares[RED]! -= moved;
    shares[[0, 1, 3][integer(random, 0, 2)]!]! += moved;
    return { model: colourModel, n: size(i), effect: moved, values: colour(shares) };
  }).as('category mix shift');
  plan(40, (i) => {
    const moved = uniform(random, 0.1, 0.25);
    return {
      model: memberModel,
      n: size(i),
      effect: moved,
      values: member(MEMBER_SHARE + sign() * moved),
    };
  }).as('category mix shift');
  // Shifted far enough to be caught with enough rows, and still too small to be judged.
  plan(10, () => ({
    model: numericModel,
    n: integer(random, 5, 99),
    effect: 1,
    values: numeric(MEAN + SIGMA, SIGMA),
  })).as('small samples');
  plan(10, () => ({
    model: colourModel,
    n: integer(random, 5, 99),
    effect: 0.35,
    values: colour([0.05, 0.2, 0.05, 0.7]),
  })).as('small samples');

  return plans.map(({ scenario, model, n, effect, values }) => {
    const reference = references.get(model)!;
    const state = foldRows(emptyWindowState(model, reference), rows(n, values), model, reference);
    const { verdict } = evaluateWindow({ model, reference, state, pageHinkley: null });
    const minEffect = model === numericModel ? MIN_NUMERIC_EFFECT : MIN_CATEGORICAL_EFFECT;
    return {
      scenario,
      n,
      effect,
      realShift: effect >= minEffect && n >= MIN_RECALL_SIZE,
      statistic: verdict.features[0]!.statistic,
      status: verdict.status,
    };
  });
}

/** Detection per scenario and statistic, recall on real shifts, and the false-positive rate. */
export function summariseScenarios(outcomes: readonly ScenarioOutcome[]): ScenarioSummary {
  const groups = new Map<string, ScenarioOutcome[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.scenario} / ${outcome.statistic}`;
    groups.set(key, [...(groups.get(key) ?? []), outcome]);
  }
  return {
    rows: [...groups.values()].map((group) => ({
      scenario: group[0]!.scenario,
      statistic: group[0]!.statistic,
      ...detections(group),
      realShifts: detections(group.filter((outcome) => outcome.realShift)),
    })),
    recall: detections(outcomes.filter((outcome) => outcome.realShift)),
    falsePositives: detections(outcomes.filter((outcome) => outcome.scenario === 'no drift')),
    smallSampleVerdicts: outcomes.filter(
      (outcome) => outcome.scenario === 'small samples' && outcome.status !== 'insufficient_data',
    ).length,
  };
}

function detections(outcomes: readonly ScenarioOutcome[]): DetectionCount {
  return {
    windows: outcomes.length,
    detected: outcomes.filter((outcome) => outcome.status === 'drift').length,
  };
}

function scenarioModel(
  key: string,
  feature: { name: string; kind: 'numeric' | 'categorical' },
): ModelSpec {
  return modelSpecSchema.parse({ key, features: [feature] });
}

function rows(n: number, values: Values): SampleRow[] {
  return Array.from({ length: n }, () => ({ timestamp: TIMESTAMP, features: values() }));
}

function uniform(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}

function integer(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function pick<T>(random: () => number, values: readonly T[], shares: readonly number[]): T {
  let u = random();
  for (let i = 0; i < values.length - 1; i++) {
    if (u < shares[i]!) return values[i]!;
    u -= shares[i]!;
  }
  return values.at(-1)!;
}
