// The drift core's share of the benchmark: folding rows into a window state, and judging a
// window of 100 numeric features × 1,000,000 rows; with a bare bin-count baseline and scipy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  binCounts,
  emptyWindowState,
  evaluateWindow,
  fitReference,
  foldRows,
  mergeWindowStates,
  modelSpecSchema,
  numericDrift,
  type SampleRow,
} from '@tenantry/drift-core';
import { seededRandom, standardNormal } from '@tenantry/drift-core/scenarios';

export interface CoreFigures {
  features: number;
  rows: number;
  foldSeconds: number;
  evaluateSeconds: number;
  /** Bare `binCounts` over the same values, no sketch and no row objects: the floor of a fold. */
  bareBinValuesPerSecond: number;
  /** drift-core exact KS + Wasserstein (numericDrift) on `scipyFeatures` features of the window. */
  exactTypeScriptSeconds: number;
  /** scipy ks_2samp + wasserstein_distance on the same features and data; null without scipy. */
  scipySeconds: number | null;
  scipyFeatures: number;
}

const CHUNK_ROWS = 10_000;
const REFERENCE_ROWS = 10_000;
const TIMESTAMP = '2026-11-25T00:00:00Z';

/** Folds `rows` rows of `features` normal features chunk by chunk (as batches arrive), then judges the window. */
export function measureCore(features: number, rows: number, scipyFeatures: number): CoreFigures {
  const names = Array.from({ length: features }, (_, index) => `f${index}`);
  const model = modelSpecSchema.parse({
    key: 'bench',
    features: names.map((name) => ({ name, kind: 'numeric' })),
  });
  const normal = standardNormal(seededRandom(1));
  const reference = fitReference(generateRows(names, REFERENCE_ROWS, normal, 0), model);
  const kept = names.slice(0, scipyFeatures).map(() => new Float64Array(rows));

  let state = emptyWindowState(model, reference);
  let foldMs = 0;
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    const chunk = generateRows(names, Math.min(CHUNK_ROWS, rows - start), normal, 0.1);
    chunk.forEach((row, offset) =>
      kept.forEach(
        (column, index) => (column[start + offset] = row.features[names[index]!] as number),
      ),
    );
    const began = performance.now();
    state = mergeWindowStates(
      state,
      foldRows(emptyWindowState(model, reference), chunk, model, reference),
    );
    foldMs += performance.now() - began;
  }
  const judged = performance.now();
  evaluateWindow({ model, reference, state, pageHinkley: null });
  const evaluateMs = performance.now() - judged;

  const edges = [
    -Infinity,
    ...(reference.features.f0 as { innerEdges: number[] }).innerEdges,
    Infinity,
  ];
  const bare = performance.now();
  for (const column of kept) binCounts(column, edges);
  const bareSeconds = (performance.now() - bare) / 1000;

  const referenceColumns = names
    .slice(0, scipyFeatures)
    .map((name) => Float64Array.from((reference.features[name] as { sample: number[] }).sample));
  const exact = performance.now();
  kept.forEach((column, index) =>
    numericDrift({ reference: referenceColumns[index]!, current: column, bins: 10 }),
  );
  const exactSeconds = (performance.now() - exact) / 1000;

  return {
    features,
    rows,
    foldSeconds: foldMs / 1000,
    evaluateSeconds: evaluateMs / 1000,
    bareBinValuesPerSecond: (kept.length * rows) / bareSeconds,
    exactTypeScriptSeconds: exactSeconds,
    scipySeconds: scipyBaseline(referenceColumns, kept),
    scipyFeatures,
  };
}

function generateRows(
  names: readonly string[],
  count: number,
  normal: () => number,
  shift: number,
): SampleRow[] {
  return Array.from({ length: count }, () => ({
    timestamp: TIMESTAMP,
    features: Object.fromEntries(names.map((name) => [name, normal() + shift])),
  }));
}

// Times scipy on the same values, written as raw float64 files; null when python3 or scipy is missing.
function scipyBaseline(references: Float64Array[], currents: Float64Array[]): number | null {
  const directory = mkdtempSync(path.join(tmpdir(), 'drift-bench-'));
  try {
    references.forEach((values, index) =>
      writeFileSync(path.join(directory, `reference-${index}.f64`), values),
    );
    currents.forEach((values, index) =>
      writeFileSync(path.join(directory, `current-${index}.f64`), values),
    );
    const script = [
      'import sys, time, numpy as np',
      'from scipy.stats import ks_2samp, wasserstein_distance',
      'd, n = sys.argv[1], int(sys.argv[2])',
      "pairs = [(np.fromfile(f'{d}/reference-{i}.f64'), np.fromfile(f'{d}/current-{i}.f64')) for i in range(n)]",
      'start = time.perf_counter()',
      'for r, c in pairs: ks_2samp(r, c); wasserstein_distance(r, c)',
      'print(time.perf_counter() - start)',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, directory, String(currents.length)], {
      encoding: 'utf8',
    });
    return run.status === 0 ? Number(run.stdout.trim()) : null;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
