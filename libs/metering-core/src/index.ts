export {
  InvalidPeriodError,
  nextPeriod,
  periodById,
  periodIdSchema,
  periodOf,
  type BillingPeriod,
  type PeriodLength,
} from './billing-period';
export {
  addMeasurement,
  averageFractionDigits,
  bucketResult,
  emptyBucket,
  isDecrementable,
  latestTiebreak,
  mergeBuckets,
  type BucketState,
  type LatestValue,
} from './bucket-state';
export {
  costCapSchema,
  nextCapState,
  settleCapState,
  type CapEvent,
  type CapObservation,
  type CapState,
  type CapTransition,
  type CostCap,
} from './cost-cap';
export {
  classifyEventTime,
  defaultEventTimePolicy,
  minuteBucketStart,
  type EventTimeClass,
  type EventTimePolicy,
} from './event-time';
export { grantedAt, grantSchema, isGrantActive, type Grant } from './grant';
export {
  compileJsonPath,
  InvalidJsonPathError,
  maxJsonPathLength,
  maxJsonPathSegments,
  type JsonPathReader,
} from './json-path';
export {
  measure,
  type MeasuredEvent,
  type Measurement,
  type MeasurementRejection,
  type MeasurementSkip,
} from './measurement';
export {
  aggregations,
  compileMeter,
  maxGroupBy,
  meterDefinitionSchema,
  type Aggregation,
  type CompiledMeter,
  type MeterDefinition,
} from './meter';
export {
  assertMeterChange,
  earliestMeterChange,
  MeterChangeRefusedError,
  meterChangeEffectiveFrom,
} from './meter-change';
export {
  compileMeterFilter,
  conditionSchema,
  jsonPathSchema,
  matchesFilter,
  meterFilterSchema,
  type Condition,
  type FilterPredicate,
  type MeterFilter,
} from './meter-filter';
export {
  canonicalJson,
  payloadHash,
  repeatedEventKind,
  type EventPayload,
} from './payload-identity';
export * from './pricing';
export {
  crossedThresholds,
  exhaustedThreshold,
  quotaEventKey,
  quotaPeriodOf,
  quotaPolicySchema,
  quotaResetsBetween,
  reachedThresholds,
  type QuotaEventKind,
  type QuotaPolicy,
  type QuotaReset,
  type ThresholdCrossing,
} from './quota';
export { admit, balance, entitlement, type Admission, type QuotaBalance } from './quota-balance';
export { quotaJudgedAt, quotaNoticesDue, type QuotaNotice } from './quota-notice';
export { rollUp, type UsageBucket, type UsageQuery, type UsageRow } from './rollup';
export { assertTimeZone, InvalidTimeZoneError, timeZoneSchema } from './time-zone';
export {
  eventTimestampSchema,
  eventTypeSchema,
  ingestLimits,
  occurredAt,
  readUsageEvent,
  usageEventSchema,
  usageEventsIn,
  type IngestLimits,
  type UsageEvent,
  type UsageEventReading,
} from './usage-event';
export {
  maxUsageFractionDigits,
  maxUsageIntegerDigits,
  parseUsageDecimal,
  readNumber,
  readUsageValue,
  UsageDecimal,
  usageDecimalString,
  type UsageDecimalValue,
  type UsageValueProblem,
} from './usage-value';
export { windowSizeSchema, type WindowSize } from './window-size';
export {
  assertQueryRange,
  InvalidQueryRangeError,
  windowContaining,
  windowsBetween,
  windowStart,
  type UsageWindow,
} from './windows';
export { parseRfc3339, rfc3339DateTimeSchema } from './rfc3339';
