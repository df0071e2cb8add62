// The drift scenario suite as markdown: scripts/run-ts libs/drift-core/scenarios/report.ts [seed]
import {
  DEFAULT_SCENARIO_SEED,
  runDriftScenarios,
  summariseScenarios,
  type DetectionCount,
  type ScenarioSummary,
} from './drift-scenarios';

function rate({ windows, detected }: DetectionCount): string {
  return windows === 0 ? '–' : `${((100 * detected) / windows).toFixed(1)} %`;
}

function markdown(summary: ScenarioSummary, seed: number): string {
  return [
    `Seed ${seed}. Real shifts: n ≥ 500 and effect ≥ 0.2 σ (numeric) or ≥ 0.1 of the mass moved (categorical).`,
    '',
    '| scenario | statistic | windows | detected | rate | real shifts detected |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...summary.rows.map(
      (row) =>
        `| ${row.scenario} | ${row.statistic} | ${row.windows} | ${row.detected} | ${rate(row)} | ` +
        `${row.realShifts.windows === 0 ? '–' : `${row.realShifts.detected} / ${row.realShifts.windows}`} |`,
    ),
    '',
    `- Recall on real shifts: ${summary.recall.detected} / ${summary.recall.windows} = ${rate(summary.recall)}`,
    `- False-positive rate on no-drift windows: ${summary.falsePositives.detected} / ${summary.falsePositives.windows} = ${rate(summary.falsePositives)}`,
    `- Small samples judged anyway: ${summary.smallSampleVerdicts}`,
  ].join('\n');
}

const seed = process.argv[2] === undefined ? DEFAULT_SCENARIO_SEED : Number(process.argv[2]);
console.log(markdown(summariseScenarios(runDriftScenarios(seed)), seed));
