// npm run bench:drift [-- --rows 1000000 --features 100 --windows 5]
// 1. The core: rows folded into a window state per second (values = rows × features), and the
//    full evaluation of a window of `features` numeric features × `rows` rows (fold + judge).
//    Baselines in the same run: bare bin counting of the same values, and scipy's ks_2samp +
//    wasserstein_distance against drift-core's exact KS + Wasserstein on the same data.
// 2. The service (its own process, real Kafka and PostgreSQL): detection latency from the end of
//    a time window to its drift.detected on Kafka.
import { parseArgs } from 'node:util';
import { measureCore } from './core-throughput';
import { measureDetectionLatency } from './detection-latency';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      features: { type: 'string', default: '100' },
      'scipy-features': { type: 'string', default: '10' },
      windows: { type: 'string', default: '6' },
    },
  });
  const core = measureCore(
    Number(values.features),
    Number(values.rows),
    Number(values['scipy-features']),
  );
  const valuesFolded = core.rows * core.features;
  const scipy =
    core.scipySeconds === null ? 'scipy not installed' : `${core.scipySeconds.toFixed(2)} s`;
  console.table({
    'fold (values/s, one core)': Math.round(valuesFolded / core.foldSeconds),
    'baseline: bare binCounts (values/s)': Math.round(core.bareBinValuesPerSecond),
    [`full evaluation ${core.features} × ${core.rows} (s)`]: (
      core.foldSeconds + core.evaluateSeconds
    ).toFixed(2),
    'of which judging the window (s)': core.evaluateSeconds.toFixed(3),
    [`drift-core exact KS + Wasserstein, ${core.scipyFeatures} features (s)`]:
      core.exactTypeScriptSeconds.toFixed(2),
    [`baseline: scipy ks_2samp + wasserstein_distance, ${core.scipyFeatures} features`]: scipy,
  });

  const latencies = (await measureDetectionLatency(Number(values.windows))).sort((a, b) => a - b);
  console.log(
    `detection latency, window end → drift event on Kafka, ${latencies.length} windows of 2 s:`,
    `p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(3)} s, max ${latencies.at(-1)?.toFixed(3)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
