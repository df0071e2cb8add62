import { z } from 'zod';

/** The drift statistics a feature can be judged by. */
export const statisticNames = [
  'ks',
  'psi',
  'kl',
  'js',
  'wasserstein',
  'wasserstein_normed',
  'chi_square',
  'z',
] as const;

/** A drift statistic a feature can be judged by. */
export type StatisticName = (typeof statisticNames)[number];

const numericOnly: ReadonlySet<StatisticName> = new Set([
  'ks',
  'wasserstein',
  'wasserstein_normed',
]);
const categoricalOnly: ReadonlySet<StatisticName> = new Set(['chi_square', 'z']);

/** Statistics judged by a p-value (drift when p < threshold); the others by distance (drift when value ≥ threshold). */
export const pValueStatistics: ReadonlySet<StatisticName> = new Set(['ks', 'chi_square', 'z']);

const fieldName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/,
    'expected letters, digits, _, . or -, starting with a letter or _',
  );

/** A monitored column: its name in the sample rows, its kind, and optionally how to judge it. */
export const featureSpecSchema = z
  .strictObject({
    name: fieldName,
    kind: z.enum(['numeric', 'categorical']),
    /** Overrides the default selection (see README: KS / normed Wasserstein / chi-square / Z / JS). */
    statistic: z.enum(statisticNames).optional(),
    /** A p-value for ks, chi_square and z; a distance for the others. Default per statistic. */
    threshold: z.number().positive().max(1_000_000).optional(),
    /** Quantile bins frozen from the reference (numeric only). */
    bins: z.int().min(2).max(100).optional(),
  })
  .superRefine((feature, context) => {
    const statistic = feature.statistic;
    if (statistic === undefined) {
      // Whether a threshold is a p-value or a distance depends on the statistic, which the
      // automatic selection only picks per window.
      if (feature.threshold !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['threshold'],
          message: 'a threshold needs a statistic',
        });
      }
      return;
    }
    if (feature.kind === 'categorical' && numericOnly.has(statistic)) {
      context.addIssue({
        code: 'custom',
        path: ['statistic'],
        message: `${statistic} needs a numeric feature`,
      });
    }
    if (feature.kind === 'numeric' && categoricalOnly.has(statistic)) {
      context.addIssue({
        code: 'custom',
        path: ['statistic'],
        message: `${statistic} needs a categorical feature`,
      });
    }
    if (
      feature.threshold !== undefined &&
      pValueStatistics.has(statistic) &&
      feature.threshold >= 1
    ) {
      context.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${statistic} takes a p-value threshold below 1`,
      });
    }
  });

/** A monitored column. */
export type FeatureSpec = z.output<typeof featureSpecSchema>;

/** Tumbling windows by event time (`seconds` long, aligned to the Unix epoch) or by arrival count. */
export const windowSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('time'),
    seconds: z
      .int()
      .min(1)
      .max(31 * 24 * 3600)
      .default(3600),
    /** How long after its end a window waits for stragglers before it is judged. */
    latenessSeconds: z
      .int()
      .min(0)
      .max(24 * 3600)
      .default(0),
  }),
  z.strictObject({
    type: z.literal('count'),
    rows: z.int().min(10).max(10_000_000),
  }),
]);

/** How a model's windows are cut. */
export type WindowSpec = z.output<typeof windowSpecSchema>;

/** How verdicts are reached and when events are sent. */
export const driftPolicySchema = z.strictObject({
  /** Fewer current rows than this give `insufficient_data` instead of a verdict. */
  minSampleSize: z.int().min(1).max(1_000_000).default(100),
  /**
   * Effect-size floor for p-value statistics: a significant KS, chi-square or Z test counts as drift only
   * when its effect (KS D; Jensen-Shannon distance for chi-square; |p1 - p2| for Z) reaches this too.
   */
  effectSizeFloor: z.number().min(0).max(1).default(0.05),
  /** Share of drifted features that makes the whole dataset drifted. */
  datasetDriftShare: z.number().gt(0).max(1).default(0.5),
  /** Multiple-testing correction of p-values across the features of one window. */
  correction: z.enum(['none', 'bonferroni', 'benjamini_hochberg']).default('none'),
  /** Drifting windows in a row before drift.detected. */
  detectAfter: z.int().min(1).max(100).default(2),
  /** Clean windows in a row before drift.resolved. */
  resolveAfter: z.int().min(1).max(100).default(3),
  /** Least time between two drift.retrain-requested events of one model and segment. */
  retrainCooldownSeconds: z
    .int()
    .min(0)
    .max(365 * 24 * 3600)
    .default(24 * 3600),
});

/** How verdicts are reached and when events are sent. */
export type DriftPolicy = z.output<typeof driftPolicySchema>;

/** Performance drift from labels: accuracy for categorical predictions, MAE for numeric ones, with Page-Hinkley. */
export const performanceSpecSchema = z.strictObject({
  metric: z.enum(['accuracy', 'mae']),
  /** Page-Hinkley tolerance δ: changes of the window error below it are ignored. */
  delta: z.number().min(0).default(0.005),
  /** Page-Hinkley threshold λ on the cumulative deviation. */
  lambda: z.number().positive().default(0.05),
  /** Labelled rows a window needs before its performance is judged. */
  minLabels: z.int().min(1).default(30),
  /** A window's performance drifts when it is worse than the reference's by this much (absolute). */
  tolerance: z.number().min(0).default(0.05),
});

/** Performance drift settings. */
export type PerformanceSpec = z.output<typeof performanceSpecSchema>;

/** What a tenant registers with `POST /v1/models`. */
export const modelSpecSchema = z
  .strictObject({
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'expected lowercase letters, digits, _, . or -'),
    description: z.string().max(1000).optional(),
    features: z.array(featureSpecSchema).min(1).max(1000),
    /** Feature names (read from each row's `features`, monitored or not) whose values cut per-segment windows too. */
    segments: z.array(fieldName).max(5).default([]),
    /**
     * Values per segment field that get windows of their own: the first ones to arrive; rows with a
     * later new value count in `<field>=__other__`, so a high-cardinality field cannot open unbounded windows.
     */
    maxSegmentValues: z.int().min(1).max(1000).default(50),
    /** The model's output, read from each row's `prediction`, judged like a feature and reported as prediction drift. */
    prediction: featureSpecSchema.optional(),
    /** Labels, read from each row's `label`, judged against the prediction. */
    performance: performanceSpecSchema.optional(),
    window: windowSpecSchema.default({ type: 'time', seconds: 3600, latenessSeconds: 0 }),
    policy: driftPolicySchema.default(driftPolicySchema.parse({})),
    /** Numeric values a reference keeps exactly per feature (for KS and Wasserstein); a quantile sketch beyond. */
    referenceSampleLimit: z.int().min(1000).max(100_000).default(10_000),
  })
  .superRefine((model, context) => {
    const names = model.features.map((feature) => feature.name);
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) {
        context.addIssue({
          code: 'custom',
          path: ['features', index, 'name'],
          message: `feature "${name}" is listed twice`,
        });
      }
    });
    if (model.performance && !model.prediction) {
      context.addIssue({
        code: 'custom',
        path: ['performance'],
        message: 'performance drift needs a prediction',
      });
    }
    if (model.performance && model.prediction) {
      const wanted = model.performance.metric === 'accuracy' ? 'categorical' : 'numeric';
      if (model.prediction.kind !== wanted) {
        context.addIssue({
          code: 'custom',
          path: ['performance', 'metric'],
          message: `${model.performance.metric} needs a ${wanted} prediction`,
        });
      }
    }
    if (new Set(model.segments).size !== model.segments.length) {
      context.addIssue({
        code: 'custom',
        path: ['segments'],
        message: 'a segment field is listed twice',
      });
    }
  });

/** A registered model: its features, windows and policy. */
export type ModelSpec = z.output<typeof modelSpecSchema>;

/** The statistic and threshold a feature is judged by when it names none; see README. */
export const defaultThresholds: Readonly<Record<StatisticName, number>> = {
  ks: 0.05,
  chi_square: 0.05,
  z: 0.05,
  psi: 0.2,
  kl: 0.1,
  js: 0.1,
  wasserstein: 0.1,
  wasserstein_normed: 0.1,
};
