import type { Admin, Kafka } from 'kafkajs';
import type { ReadinessCheck } from './readiness';

/**
 * Ready when a Kafka broker describes the cluster. Keeps one admin client across checks
 * (a probe every few seconds must not open a connection each time) and drops it after a
 * failure so that a later check reconnects.
 */
export function kafkaReadiness(kafka: Kafka, name = 'kafka'): ReadinessCheck {
  let connection: Promise<Admin> | undefined;

  const connect = (): Promise<Admin> => {
    connection ??= (async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        return admin;
      } catch (error) {
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
    })();
    return connection;
  };

  // Only the attempt that failed is dropped: a newer one, started meanwhile, is kept.
  const drop = async (attempt: Promise<Admin> | undefined): Promise<void> => {
    if (connection === attempt) connection = undefined;
    await attempt?.then((admin) => admin.disconnect()).catch(() => undefined);
  };

  return {
    name,
    async check() {
      const attempt = connect();
      try {
        const cluster = await (await attempt).describeCluster();
        if (cluster.brokers.length === 0) throw new Error('the cluster has no brokers');
      } catch (error) {
        await drop(attempt);
        throw error;
      }
    },
    close: () => drop(connection),
  };
}
