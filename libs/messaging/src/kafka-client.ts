import { Kafka, logLevel, Partitioners, type LogEntry, type ProducerConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { ignoreTimeoutNegativeWarnings } from './kafkajs-warnings';
import { isRetriableKafkaLog } from './retriable-kafka-log';

ignoreTimeoutNegativeWarnings();

/**
 * The kafkajs client of a process: one per process, shared by producers and consumers.
 * With a logger, kafkajs writes through it (JSON with trace and tenant fields); errors kafkajs
 * retries by itself (a coordinator still loading, a leader moving) are warnings, not errors.
 * `level` (default WARN): NOTHING for a command-line tool that reports failures itself.
 */
export function createKafka({
  brokers,
  clientId,
  logger,
  level = logLevel.WARN,
}: {
  brokers: string[];
  clientId: string;
  logger?: Logger;
  level?: logLevel;
}): Kafka {
  return new Kafka({
    brokers,
    clientId,
    logLevel: level,
    ...(logger ? { logCreator: () => (entry: LogEntry) => writeKafkaLog(logger, entry) } : {}),
  });
}

function writeKafkaLog(logger: Logger, entry: LogEntry): void {
  const {
    level,
    log: { message, ...fields },
  } = entry;
  const method =
    level <= logLevel.ERROR && !isRetriableKafkaLog(entry)
      ? 'error'
      : level <= logLevel.WARN
        ? 'warn'
        : level === logLevel.INFO
          ? 'info'
          : 'debug';
  logger[method]({ kafka: fields }, message);
}

/**
 * Producer settings for the outbox relay and dead letters: idempotent (no duplicates
 * from the producer's own retries, which kafkajs then never gives up), one request in
 * flight (order kept per partition), and the documented partitioner (`keyPartitioner` of
 * @tenantry/schemas: the Java client's murmur2, so one key lands on one partition whichever
 * client produced it).
 */
export const idempotentProducer: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
};
