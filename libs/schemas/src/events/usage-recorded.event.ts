import { z } from 'zod';
import { defineEventContract } from '../event-contract';
import { jsonValueSchema, type JsonValue } from '../json-value';

/** What a reporter measured: a JSON object of quantities and dimensions it chose. */
export type UsageRecordedData = Record<string, JsonValue>;

/** Usage reported to metering by any service or client; the CloudEvent type says what was used. */
/**
 * A usage event's CloudEvents `type`, over HTTP and Kafka alike: reverse-DNS style
 * ("com.acme.llm.tokens"), letters, digits and . _ - : / only.
 */
export const usageEventTypePattern = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

export const usageRecorded = defineEventContract<UsageRecordedData>({
  type: 'usage.recorded',
  typePattern: usageEventTypePattern,
  topic: 'metering.usage.v1',
  description: [
    'Usage of something metered, reported by a service or a client.',
    'The reporter chooses the CloudEvent type, which names what was used (api.request,',
    'samples.ingested): this contract covers every name matching its typePattern (the rule',
    'POST /v1/events applies too), and "usage.recorded" is only the contract\'s name, never a',
    'type on the wire.',
    'data is a JSON object of whatever the reporter measured (numbers, strings, booleans,',
    'nested values); metering gives the fields their meaning. ce_id is the idempotency key',
    'per ce_source: a reporter that retries sends the same id again.',
  ].join(' '),
  data: z.record(z.string(), jsonValueSchema),
  example: { requests: 1, route: 'POST /v1/inquiries', status: 201, cached: false },
});
