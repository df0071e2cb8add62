import { z } from 'zod';
import { defineEventContract } from '../event-contract';
import { jsonValueSchema, type JsonValue } from '../json-value';

/** What a reporter measured: a JSON object of quantities and dimensions it chose. */
export type UsageRecordedData = Record<string, JsonValue>;

/** Usage reported to metering by any service or client; the CloudEvent type says what was used. */
export const usageRecorded = defineEventContract<UsageRecordedData>({
  type: 'usage.recorded',
  typePattern: /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/,
  topic: 'metering.usage.v1',
  description: [
    'Usage of something metered, reported by a service or a client.',
    'The reporter chooses the CloudEvent type, which names what was used (api.request,',
    'samples.ingested): this contract covers every lowercase dotted name matching its',
    'typePattern, and "usage.recorded" is only the contract\'s name, never a type on the wire.',
    'data is a JSON object of whatever the reporter measured (numbers, strings, booleans,',
    'nested values); metering gives the fields their meaning. ce_id is the idempotency key',
    'per ce_source: a reporter that retries sends the same id again.',
  ].join(' '),
  data: z.record(z.string(), jsonValueSchema),
  example: { requests: 1, route: 'POST /v1/inquiries', status: 201, cached: false },
});
