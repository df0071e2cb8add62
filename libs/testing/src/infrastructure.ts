import { existsSync } from 'node:fs';
import { startLocalKafka } from './local-kafka';

/** Where integration tests find Kafka and a PostgreSQL server they may create databases on. */
export interface TestInfrastructure {
  kafkaBrokers: string[];
  /** A superuser (or CREATEDB + CREATEROLE) connection to the server; tests create their own databases. */
  postgresAdminUrl: string;
  stop(): Promise<void>;
}

const localPostgres = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Chooses the infrastructure for a test run, in this order: `KAFKA_BROKERS` /
 * `DATABASE_URL` from the environment; testcontainers when a Docker engine answers;
 * otherwise a local KRaft broker from `.tools/kafka` and the local PostgreSQL server.
 */
export async function provideTestInfrastructure(
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestInfrastructure> {
  const stops: Array<() => Promise<unknown>> = [];
  const docker = await dockerEngineAnswers(env);

  let kafkaBrokers = env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim());
  if (!kafkaBrokers) {
    if (docker) {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer('confluentinc/cp-kafka:8.1.0').withKraft().start();
      stops.push(() => container.stop());
      kafkaBrokers = [`${container.getHost()}:${container.getMappedPort(9093)}`];
    } else {
      const kafka = await startLocalKafka();
      stops.push(() => kafka.stop());
      kafkaBrokers = kafka.brokers;
    }
  }

  let postgresAdminUrl = env.DATABASE_URL;
  if (!postgresAdminUrl) {
    if (docker) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:15-alpine').start();
      stops.push(() => container.stop());
      postgresAdminUrl = container.getConnectionUri();
    } else {
      postgresAdminUrl = localPostgres;
    }
  }

  return {
    kafkaBrokers,
    postgresAdminUrl,
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

async function dockerEngineAnswers(env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
