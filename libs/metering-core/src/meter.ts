import { compareCodeUnits } from '@tenantry/common';
import { z } from 'zod';
import { compileJsonPath, type JsonPathReader } from './json-path';
import {
  compileMeterFilter,
  jsonPathSchema,
  meterFilterSchema,
  type FilterPredicate,
} from './meter-filter';
import { eventTypeSchema } from './usage-event';

/** How a meter turns the events of a window into one value. */
export const aggregations = [
  'SUM',
  'COUNT',
  'AVG',
  'MIN',
  'MAX',
  'UNIQUE_COUNT',
  'LATEST',
] as const;

/** How a meter turns the events of a window into one value. */
export type Aggregation = (typeof aggregations)[number];

/** Most group-by properties on one meter. */
export const maxGroupBy = 10;

// `subject` is a grouping of its own in queries (groupBy=subject), so no property may take the name.
const reservedGroupNames = new Set(['subject']);

/**
 * A tenant's meter: which events it counts (eventType, filter), what it reads from their
 * data (valueProperty, a JSON path; every aggregation but COUNT needs one, COUNT takes none)
 * and how it groups them (groupBy: name → JSON path).
 */
export const meterDefinitionSchema = z
  .strictObject({
    key: z
      .string()
      .regex(
        /^[a-z][a-z0-9_-]{0,62}$/,
        'expected lowercase letters, digits, _ or -, starting with a letter',
      ),
    eventType: eventTypeSchema,
    aggregation: z.enum(aggregations),
    valueProperty: jsonPathSchema.optional(),
    groupBy: z
      .record(
        z
          .string()
          .regex(
            /^[a-z][a-z0-9_]{0,62}$/,
            'expected lowercase letters, digits or _, starting with a letter',
          ),
        jsonPathSchema,
      )
      .default({}),
    filter: meterFilterSchema.optional(),
  })
  .superRefine((meter, context) => {
    if (meter.aggregation === 'COUNT' && meter.valueProperty !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['valueProperty'],
        message: 'a COUNT meter counts events and takes no valueProperty',
      });
    }
    if (meter.aggregation !== 'COUNT' && meter.valueProperty === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['valueProperty'],
        message: `a ${meter.aggregation} meter needs a valueProperty`,
      });
    }
    const names = Object.keys(meter.groupBy);
    if (names.length > maxGroupBy) {
      context.addIssue({
        code: 'custom',
        path: ['groupBy'],
        message: `at most ${maxGroupBy} group-by properties`,
      });
    }
    for (const name of names.filter((n) => reservedGroupNames.has(n))) {
      context.addIssue({
        code: 'custom',
        path: ['groupBy', name],
        message: `"${name}" is reserved: queries group by the event subject under that name`,
      });
    }
  });

/** A tenant's meter, as defined through the API (the output of meterDefinitionSchema). */
export type MeterDefinition = z.infer<typeof meterDefinitionSchema>;

/** A meter ready for the per-event path: every path parsed once. */
export interface CompiledMeter {
  readonly definition: MeterDefinition;
  readonly key: string;
  readonly eventType: string;
  readonly aggregation: Aggregation;
  /** The value property's path and reader; absent for COUNT. */
  readonly value: { readonly path: string; readonly read: JsonPathReader } | undefined;
  /** Group-by properties sorted by name, the order of a measurement's group key. */
  readonly groupBy: ReadonlyArray<{
    readonly name: string;
    readonly path: string;
    readonly read: JsonPathReader;
  }>;
  /** Whether event data passes the meter's filter (always true without one). */
  readonly matches: FilterPredicate;
}

/** Validates a meter definition and compiles its paths and filter; throws a ZodError when invalid. */
export function compileMeter(definition: MeterDefinition): CompiledMeter {
  const meter = meterDefinitionSchema.parse(definition);
  const path = meter.valueProperty;
  return {
    definition: meter,
    key: meter.key,
    eventType: meter.eventType,
    aggregation: meter.aggregation,
    value: path === undefined ? undefined : { path, read: compileJsonPath(path) },
    groupBy: Object.entries(meter.groupBy)
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([name, groupPath]) => ({ name, path: groupPath, read: compileJsonPath(groupPath) })),
    matches: meter.filter === undefined ? () => true : compileMeterFilter(meter.filter),
  };
}
