import { Kafka, logLevel, Partitioners, type ProducerConfig } from 'kafkajs';

/** The kafkajs client of a process: one per process, shared by producers and consumers. */
export function createKafka({ brokers, clientId }: { brokers: string[]; clientId: string }): Kafka {
  return new Kafka({ brokers, clientId, logLevel: logLevel.WARN, retry: { retries: 10 } });
}

/**
 * Producer settings for the outbox relay and dead letters: idempotent (no duplicates
 * from the producer's own retries), one request in flight (order kept per partition),
 * the Java client's murmur2 partitioner (same key, same partition across clients).
 */
export const idempotentProducer: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
};
