import { z } from 'zod';
import { compileJsonPath, InvalidJsonPathError, type JsonPathReader } from './json-path';
import { readNumber, type UsageDecimalValue } from './usage-value';

/** A JSON path into event data, checked against the supported subset (see json-path.ts). */
export const jsonPathSchema = z.string().superRefine((path, context) => {
  try {
    compileJsonPath(path);
  } catch (error) {
    if (!(error instanceof InvalidJsonPathError)) throw error;
    context.addIssue({ code: 'custom', message: error.detail ?? error.message });
  }
});

const scalarSchema = z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]);
const numericSchema = z
  .union([z.number(), z.string()])
  .refine((value) => readNumber(value) !== undefined, {
    message: 'expected a number or a decimal string such as "12.50"',
  });

/**
 * One test on a value in event data. Equality is strict JSON equality (the number 1 is not
 * the string "1"); `gt`/`gte`/`lt`/`lte` compare numbers and decimal strings exactly and never
 * match anything else; `neq` and `nin` match an absent value (as MongoDB's $ne/$nin do);
 * `exists` means present and not null (`value: false` asks for the opposite).
 */
export const conditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ path: jsonPathSchema, op: z.enum(['eq', 'neq']), value: scalarSchema }),
  z.strictObject({
    path: jsonPathSchema,
    op: z.enum(['in', 'nin']),
    value: z.array(scalarSchema).min(1).max(100),
  }),
  z.strictObject({
    path: jsonPathSchema,
    op: z.enum(['gt', 'gte', 'lt', 'lte']),
    value: numericSchema,
  }),
  z.strictObject({ path: jsonPathSchema, op: z.literal('exists'), value: z.boolean().optional() }),
]);

/** One test on a value in event data; see conditionSchema for the semantics of each operator. */
export type Condition = z.infer<typeof conditionSchema>;

/** A meter's filter: an event counts only when every condition holds. */
export const meterFilterSchema = z.strictObject({ all: z.array(conditionSchema).min(1).max(20) });

/** A meter's filter: an event counts only when every condition holds. */
export type MeterFilter = z.infer<typeof meterFilterSchema>;

/** A compiled filter, run on the `data` of each event. */
export type FilterPredicate = (data: unknown) => boolean;

/** Compiles a validated filter once, so the per-event check parses no paths. */
export function compileMeterFilter(filter: MeterFilter): FilterPredicate {
  const tests = filter.all.map(compileCondition);
  return (data) => tests.every((test) => test(data));
}

/** Whether event data passes a filter (compiles it on each call: use compileMeterFilter on hot paths). */
export function matchesFilter(filter: MeterFilter, data: unknown): boolean {
  return compileMeterFilter(filter)(data);
}

function compileCondition(condition: Condition): FilterPredicate {
  const read = compileJsonPath(condition.path);
  switch (condition.op) {
    case 'eq':
      return (data) => read(data) === condition.value;
    case 'neq':
      return (data) => read(data) !== condition.value;
    case 'in':
      return (data) => condition.value.includes(read(data) as never);
    case 'nin':
      return (data) => !condition.value.includes(read(data) as never);
    case 'exists': {
      const wanted = condition.value ?? true;
      return (data) => {
        const value = read(data);
        return (value !== undefined && value !== null) === wanted;
      };
    }
    default:
      return compileComparison(read, condition.op, condition.value);
  }
}

function compileComparison(
  read: JsonPathReader,
  op: 'gt' | 'gte' | 'lt' | 'lte',
  bound: string | number,
): FilterPredicate {
  const boundValue: UsageDecimalValue | undefined = readNumber(bound);
  if (boundValue === undefined)
    throw new RangeError(`filter bound ${String(bound)} is not a number`);
  const holds: Record<typeof op, (comparison: number) => boolean> = {
    gt: (c) => c > 0,
    gte: (c) => c >= 0,
    lt: (c) => c < 0,
    lte: (c) => c <= 0,
  };
  return (data) => {
    const actual = readNumber(read(data));
    return actual !== undefined && holds[op](actual.comparedTo(boundValue));
  };
}
