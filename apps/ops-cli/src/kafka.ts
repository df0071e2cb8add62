import type { Kafka } from 'kafkajs';

/**
 * Runs `work` with a client for the cluster at `brokers` that gives up within a few seconds; when
 * no broker could be reached, fails with one line an operator can act on, e.g. `cannot reach Kafka
 * at 127.0.0.1:9092 (connection refused)`, instead of the client's retry errors.
 */
export async function withKafka<T>(
  brokers: string[],
  work: (kafka: Kafka) => Promise<T>,
): Promise<T> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({
    brokers,
    clientId: 'tenantry-cli',
    logLevel: logLevel.NOTHING,
    // kafkajs' defaults retry an unreachable cluster for 10 s and more: two quick retries instead.
    connectionTimeout: 1000,
    retry: { retries: 2, maxRetryTime: 1000 },
  });
  try {
    return await work(kafka);
  } catch (error) {
    const connection = connectionError(error);
    if (!connection) throw error;
    const reason = connection.code === 'ECONNREFUSED' ? 'connection refused' : connection.message;
    throw new Error(`cannot reach Kafka at ${brokers.join(', ')} (${reason})`, { cause: error });
  }
}

interface KafkaConnectionError {
  name: string;
  message: string;
  code?: string;
  cause?: unknown;
  originalError?: unknown;
}

/** What kafkajs throws when it cannot connect, or a broker closes the connection. */
const connectionErrorNames = new Set(['KafkaJSConnectionError', 'KafkaJSConnectionClosedError']);

/** The connection error behind `error`, through kafkajs' retry and wrapper errors. */
function connectionError(error: unknown): KafkaConnectionError | undefined {
  for (let current = error as KafkaConnectionError | undefined; current;) {
    if (connectionErrorNames.has(current.name)) return current;
    current = (current.originalError ?? current.cause) as KafkaConnectionError | undefined;
  }
  return undefined;
}
