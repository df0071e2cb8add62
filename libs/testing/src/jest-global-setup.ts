import { provideTestInfrastructure, type TestInfrastructure } from './infrastructure';
import { ensureServiceRole } from './test-database';

declare global {
  var tenantryTestInfrastructure: TestInfrastructure | undefined;
}

/** Starts Kafka (or finds it) once per Jest run and tells the test workers where it is. */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await provideTestInfrastructure();
  await ensureServiceRole(infrastructure.postgresAdminUrl);
  process.env.TENANTRY_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers.join(',');
  process.env.TENANTRY_TEST_POSTGRES_URL = infrastructure.postgresAdminUrl;
  globalThis.tenantryTestInfrastructure = infrastructure;
}
