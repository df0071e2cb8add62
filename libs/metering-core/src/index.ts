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
  addMeasurements,
  averageFractionDigits,
  bucketResult,
  emptyBucket,
  isDecrementable,
  latestTiebreak,
  mergeBuckets,
  type BucketState,
  type LatestValue,
  type MeasuredValue,
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
  eventMeasurements,
  measure,
  type MeasuredEvent,
  type Measurement,
  type MeterMeasurement,
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
  catalogKnowsEventType,
  meterCatalog,
  metersCounting,
  meterVersionAt,
  type MeterCatalog,
  type MeterVersion,
} from './meter-catalog';
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
export { payloadHash, repeatedEventKind, type EventPayload } from './payload-identity';
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
export {
  dueQuotaNotices,
  quotaJudgedAt,
  quotaNoticesDue,
  quotaPeriodSettled,
  type QuotaNotice,
  type QuotaNoticesSent,
} from './quota-notice';
export { rollUp, type UsageBucket, type UsageQuery, type UsageRow } from './rollup';
export { assertTimeZone, InvalidTimeZoneError, timeZoneSchema } from './time-zone';
export {
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
  amendmentVerdict,
  type AmendmentVerdict,
  type RecordedUsageEvent,
} from './usage-amendment';
export {
  usageEventVerdict,
  type AcceptedUsageEvent,
  type RejectedUsageEvent,
  type UsageAcceptance,
  type UsageEventVerdict,
} from './usage-event-verdict';
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
  maxQueryWindows,
  queryWindows,
  windowContaining,
  windowsBetween,
  windowStart,
  type UsageWindow,
} from './windows';
