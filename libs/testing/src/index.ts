export { freePort, startLocalKafka, type LocalKafka, type LocalKafkaOptions } from './local-kafka';
export { provideTestInfrastructure, type TestInfrastructure } from './infrastructure';
export { createTestDatabase, ensureServiceRole, type TestDatabase } from './test-database';
export { testKafkaBrokers, uniqueTopicPrefix } from './test-kafka';
export { waitFor } from './wait-for';
export { startTsProcess, type TsProcess } from './ts-process';
export { waitForConsumerToCatchUp } from './consumer-catch-up';
export {
  serviceTestKit,
  type CallOptions,
  type ServiceEnvironment,
  type ServiceTestApp,
  type ServiceTestAppSpec,
  type ServiceTestKit,
  type TokenClaims,
} from './service-test-app';
export {
  compileGeneratedClient,
  openApiLintErrors,
  servedAndDocumentedRoutes,
  type GeneratedClient,
} from './openapi-checks';
export { tenantIsolationGaps } from './tenant-isolation';
export {
  fuzzOpenApi,
  fuzzRuns,
  fuzzTimeout,
  type FuzzOptions,
  type FuzzTarget,
  type OpenApiDocument,
} from './openapi-fuzz';
