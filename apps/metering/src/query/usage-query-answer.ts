import { windowSizeSchema } from '@tenantry/metering-core';
import { z } from 'zod';

/** The answer of a usage query: core rollUp's rows over the requested windows. */
export const usageQueryAnswerSchema = z.object({
  meter: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  windowSize: windowSizeSchema.nullable().describe('null: one window for the whole range'),
  windowTimeZone: z.string(),
  data: z
    .array(
      z.object({
        windowStart: z.iso.datetime(),
        windowEnd: z.iso.datetime(),
        subject: z.string().optional().describe("when grouped by subject; '' for events without"),
        groupBy: z
          .record(z.string(), z.unknown())
          .describe('the requested group values; null where the events had none'),
        value: z.string().describe('a decimal string'),
      }),
    )
    .describe('rows with usage only, by window, subject and group'),
});

/** The answer of a usage query. */
export type UsageQueryAnswer = z.output<typeof usageQueryAnswerSchema>;
