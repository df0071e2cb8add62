/**
 * Runs `work` against the cluster at `brokers`; when no broker could be reached, fails with one
 * line an operator can act on, e.g. `cannot reach Kafka at 127.0.0.1:9092 (connection refused)`,
 * instead of the client's retry errors.
 */
export async function reachingKafka<T>(brokers: string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
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

/** The KafkaJSConnectionError behind `error`, through kafkajs' retry and wrapper errors. */
function connectionError(error: unknown): KafkaConnectionError | undefined {
  for (let current = error as KafkaConnectionError | undefined; current;) {
    if (current.name === 'KafkaJSConnectionError') return current;
    current = (current.originalError ?? current.cause) as KafkaConnectionError | undefined;
  }
  return undefined;
}
