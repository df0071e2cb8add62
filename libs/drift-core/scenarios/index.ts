// Seeded data for tests and benchmarks of drift (import '@tenantry/drift-core/scenarios').
export { seededRandom, standardNormal } from './seeded-random';
export {
  DEFAULT_SCENARIO_SEED,
  runDriftScenarios,
  summariseScenarios,
  type ScenarioOutcome,
  type ScenarioSummary,
} from './drift-scenarios';
