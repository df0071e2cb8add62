export { useBodyParsers, type BodyParsers } from './body-parsers';
export { ExpensiveOperation } from './expensive-operation';
export { PeriodicJob } from './periodic-job';
export { runMigrations, type MigrationRun } from './run-migrations';
export { type ServiceDefinition } from './service-definition';
export {
  ServiceInfrastructureModule,
  type ServiceInfrastructureOptions,
} from './service-infrastructure.module';
export {
  serviceInfrastructureSettings,
  type ServiceInfrastructureSettings,
} from './service-infrastructure-settings';
export { TenantConcurrencyExceededError } from './tenant-concurrency-exceeded.error';
