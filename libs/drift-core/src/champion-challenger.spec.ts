import fc from 'fast-check';
import { compareChampionChallenger } from './champion-challenger';
import type { SampleRow, SampleValue } from './drift-types';
import { InvalidDriftInputError } from './invalid-drift-input.error';
import { modelSpecSchema, type ModelSpec } from './model-spec';

function model(spec: Record<string, unknown>): ModelSpec {
  return modelSpecSchema.parse({
    key: 'champion',
    features: [{ name: 'amount', kind: 'numeric' }],
    ...spec,
  });
}

/** Rows carrying only a prediction: features the champion monitors are not read. */
function rowsPredicting(predictions: SampleValue[]): SampleRow[] {
  return predictions.map((prediction) => ({
    timestamp: '2026-03-01T10:00:00Z',
    features: {},
    prediction,
  }));
}

/** n evenly spaced values over [from, to). */
function grid(n: number, from: number, to: number): number[] {
  return Array.from({ length: n }, (_, i) => from + ((i + 0.5) * (to - from)) / n);
}

function labels(n: number, churned: number): string[] {
  return Array.from({ length: n }, (_, i) => (i < churned ? 'churn' : 'stay'));
}

const classifier = model({ prediction: { name: 'churn', kind: 'categorical' } });
const scorer = model({ prediction: { name: 'score', kind: 'numeric' } });

describe('compareChampionChallenger', () => {
  it('finds no drift between identical outputs and lays both sides out', () => {
    const outputs = rowsPredicting(labels(400, 100));
    const comparison = compareChampionChallenger(classifier, outputs, outputs);
    expect(comparison).toMatchObject({
      status: 'no_drift',
      prediction: {
        column: 'churn',
        statistic: 'z',
        value: 1,
        status: 'no_drift',
        referenceCount: 400,
        currentCount: 400,
      },
      histogram: {
        kind: 'categorical',
        categories: [
          { category: 'stay', referenceCount: 300, currentCount: 300 },
          { category: 'churn', referenceCount: 100, currentCount: 100 },
        ],
      },
    });
  });

  it('finds drift when the challenger predicts differently', () => {
    const comparison = compareChampionChallenger(
      scorer,
      rowsPredicting(grid(1000, 0, 1)),
      rowsPredicting(grid(600, 0.4, 1.4)),
    );
    expect(comparison.status).toBe('drift');
    expect(comparison.prediction).toMatchObject({ column: 'score', statistic: 'ks' });
    expect(comparison.prediction.status).toBe('drift');
    if (comparison.histogram.kind !== 'numeric') throw new Error('expected numeric bins');
    expect(comparison.histogram.bins).toHaveLength(10);
    expect(comparison.histogram.bins.reduce((sum, bin) => sum + bin.currentCount, 0)).toBe(600);
  });

  it("judges with the champion's prediction statistic, threshold and policy", () => {
    const champion = model({
      prediction: { name: 'score', kind: 'numeric', statistic: 'psi', threshold: 5 },
      policy: { minSampleSize: 1000 },
    });
    const enough = compareChampionChallenger(
      champion,
      rowsPredicting(grid(1000, 0, 1)),
      rowsPredicting(grid(1000, 0.4, 1.4)),
    );
    expect(enough.prediction).toMatchObject({ statistic: 'psi', threshold: 5, status: 'no_drift' });
    const tooFew = compareChampionChallenger(
      champion,
      rowsPredicting(grid(1000, 0, 1)),
      rowsPredicting(grid(999, 0.4, 1.4)),
    );
    expect(tooFew.status).toBe('insufficient_data');
  });

  it('counts a row without a prediction as missing', () => {
    const comparison = compareChampionChallenger(
      classifier,
      rowsPredicting(labels(200, 50)),
      rowsPredicting([...labels(200, 50), null, null]),
    );
    expect(comparison.prediction.currentCount).toBe(200);
  });

  it('refuses a champion without a prediction', () => {
    const outputs = rowsPredicting(labels(10, 5));
    expect(() =>
      compareChampionChallenger(model({ prediction: undefined }), outputs, outputs),
    ).toThrow(new InvalidDriftInputError('model "champion" has no prediction to compare'));
  });

  it('refuses a champion without any rows', () => {
    expect(() => compareChampionChallenger(classifier, [], rowsPredicting(labels(10, 5)))).toThrow(
      InvalidDriftInputError,
    );
  });

  it('never finds drift between a champion and a challenger with the same outputs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 100,
          maxLength: 400,
        }),
        (scores) => {
          const outputs = rowsPredicting(scores);
          const comparison = compareChampionChallenger(scorer, outputs, outputs);
          expect(comparison.status).toBe('no_drift');
          expect(comparison.prediction.status).toBe('no_drift');
        },
      ),
      { seed: 11, numRuns: 50 },
    );
  });
});
