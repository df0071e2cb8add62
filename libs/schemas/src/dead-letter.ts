/** The dead-letter topic of a topic: where its messages go when they cannot be processed. */
export function deadLetterTopic(name: string): string {
  return `${name}.dlq`;
}

/**
 * Headers a dead letter carries besides the original message's own key, value and headers.
 * `error` is the error's name (e.g. SchemaViolationError), `reason` its operator-readable reason.
 */
export const deadLetterHeaders = Object.freeze({
  error: 'tenantry-dlq-error',
  reason: 'tenantry-dlq-reason',
  originTopic: 'tenantry-dlq-origin-topic',
  originPartition: 'tenantry-dlq-origin-partition',
  originOffset: 'tenantry-dlq-origin-offset',
  attempts: 'tenantry-dlq-attempts',
  failedAt: 'tenantry-dlq-failed-at',
  consumer: 'tenantry-dlq-consumer',
} as const);
