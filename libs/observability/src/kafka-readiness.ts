import type { Kafka } from 'kafkajs';
import type { ReadinessCheck } from './readiness';
import { reusableAdmin } from './reusable-admin';

/** Ready when a Kafka broker describes the cluster; one admin client serves every check. */
export function kafkaReadiness(kafka: Kafka, name = 'kafka'): ReadinessCheck {
  const admin = reusableAdmin(kafka);
  return {
    name,
    check: () =>
      admin.use(async (client) => {
        const cluster = await client.describeCluster();
        if (cluster.brokers.length === 0) throw new Error('the cluster has no brokers');
      }),
    close: () => admin.close(),
  };
}
