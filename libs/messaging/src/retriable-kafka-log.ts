import type { LogEntry } from 'kafkajs';
// kafkajs does not export its protocol error table from the package root.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { errorCodes } = require('kafkajs/src/protocol/error') as {
  errorCodes: Array<{ message: string; retriable: boolean }>;
};

const retriableMessages = errorCodes.filter((code) => code.retriable).map((code) => code.message);

/**
 * Whether a kafkajs log entry reports a protocol error that the client retries by itself (e.g.
 * "The coordinator is loading and hence can't process requests for this group", "This server is
 * not the leader for that topic-partition"): a broker starting or a rebalance, not a failure.
 */
export function isRetriableKafkaLog({ log }: LogEntry): boolean {
  const text = `${log.message} ${typeof log.error === 'string' ? log.error : ''}`;
  return retriableMessages.some((message) => text.includes(message));
}
