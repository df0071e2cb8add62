export { generateAsyncApi } from './asyncapi';
export {
  cloudEventAttributesSchema,
  createCloudEvent,
  parseCloudEventAttributes,
  type CloudEvent,
  type CloudEventAttributes,
  type NewCloudEvent,
} from './cloud-event';
export { deadLetterHeaders, deadLetterId, deadLetterTopic } from './dead-letter';
export { EnvelopeError } from './envelope-error';
export { capCleared, capReached, type CapBreakerData } from './events/cap-breaker.event';
export {
  driftRetrainRequested,
  type DriftRetrainRequestedData,
} from './events/drift-retrain-requested.event';
export { sampleRowSchema, type SampleRow, type SampleValue } from './events/drift-sample-row';
export {
  driftSamples,
  maxSampleRowsPerBatch,
  type DriftSamplesData,
} from './events/drift-samples.event';
export {
  driftDetected,
  driftResolved,
  type DriftStatusChangedData,
} from './events/drift-status-changed.event';
export { invoiceFinalized, type InvoiceFinalizedData } from './events/invoice-finalized.event';
export { coversType, defineEventContract, parseEvent, type EventContract } from './event-contract';
export { quotaExhausted, type QuotaExhaustedData } from './events/quota-exhausted.event';
export { quotaReset, type QuotaResetData } from './events/quota-reset.event';
export {
  quotaThresholdCrossed,
  type QuotaThresholdCrossedData,
} from './events/quota-threshold-crossed.event';
export {
  usageEventTypePattern,
  usageRecorded,
  type UsageRecordedData,
} from './events/usage-recorded.event';
export { binaryModeEvent, cloudEventsHttpContentTypes, mediaTypeOf } from './http-binding';
export { generateJsonSchemas } from './json-schemas';
export {
  boundedInput,
  inputBoundaryIssues,
  inputLimits,
  unstorableTextReason,
  type InputIssue,
} from './input-boundary';
export { jsonValueSchema, type JsonValue } from './json-value';
export {
  cloudEventKafkaHeaders,
  fromKafkaMessage,
  structuredContentType,
  toKafkaMessage,
  type IncomingKafkaMessage,
  type OutgoingKafkaMessage,
} from './kafka-binding';
export { keyPartitioner } from './partitioning';
export { replayHeader } from './replay-header';
export { SchemaViolationError } from './schema-violation-error';
export { tenantIdPattern, tenantIdSchema } from './tenant-id';
export { whenValid } from './when-valid';
export { findTopic, topicCatalogue, type TopicSpec } from './topic-catalogue';
export { parseRfc3339, rfc3339DateTimeSchema, rfc3339InstantSchema } from './rfc3339';
