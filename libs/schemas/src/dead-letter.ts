/** The dead-letter topic of a topic: where its messages go when they cannot be processed. */
export function deadLetterTopic(name: string): string {
  return `${name}.dlq`;
}

/**
 * Headers a dead letter carries besides the original message's own key, value and headers.
 * `error` is the error's name (e.g. SchemaViolationError), `reason` its operator-readable reason,
 * `id` the dead letter's idempotency key (see {@link deadLetterId}).
 */
export const deadLetterHeaders = Object.freeze({
  id: 'tenantry-dlq-id',
  error: 'tenantry-dlq-error',
  reason: 'tenantry-dlq-reason',
  originTopic: 'tenantry-dlq-origin-topic',
  originPartition: 'tenantry-dlq-origin-partition',
  originOffset: 'tenantry-dlq-origin-offset',
  attempts: 'tenantry-dlq-attempts',
  failedAt: 'tenantry-dlq-failed-at',
  consumer: 'tenantry-dlq-consumer',
} as const);

/**
 * The idempotency key of a dead letter: `<consumer>/<topic>/<partition>/<offset>` of the message
 * that failed. A consumer that crashes after sending a dead letter but before committing its
 * offset sends it again with the same key, so readers of `<topic>.dlq` drop the copy.
 */
export function deadLetterId(
  consumer: string,
  origin: { topic: string; partition: number; offset: string },
): string {
  return `${consumer}/${origin.topic}/${origin.partition}/${origin.offset}`;
}
