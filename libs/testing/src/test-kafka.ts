import { randomBytes } from 'node:crypto';

/** The brokers the Jest global setup provided. */
export function testKafkaBrokers(): string[] {
  const brokers = process.env.TENANTRY_TEST_KAFKA_BROKERS;
  if (!brokers)
    throw new Error(
      'TENANTRY_TEST_KAFKA_BROKERS is not set: run integration tests through the Jest config',
    );
  return brokers.split(',');
}

/** A prefix that keeps one test file's topics and consumer groups apart from the others'. */
export function uniqueTopicPrefix(): string {
  return `test-${randomBytes(4).toString('hex')}.`;
}
