// fast-check values for the JSON Schema subset our OpenAPI documents use (zod 4's output, as
// OpenAPI 3.0): valid or nearly so, as a starting point for the fuzzer's mutations.
import fc from 'fast-check';

/** One JSON Schema of an OpenAPI 3.0 document, as far as the fuzzer reads it. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  /** OpenAPI 3.0 says `exclusiveMinimum: true` beside `minimum`; JSON Schema 2020 gives the bound. */
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
}

export interface SchemaContext {
  /** `#/components/schemas/…` targets. */
  components: Record<string, JsonSchema>;
  /** Values to draw often for a property or parameter of that name (seeded state: a real key). */
  knownValues: Record<string, readonly unknown[]>;
  /** Values for a schema that says nothing (`{}`: a row of samples or of a reference upload). */
  exampleRows: readonly unknown[];
}

/** Values for `schema`, drawing `knownValues[name]` often when the value is a field called `name`. */
export function arbitraryOf(
  schema: JsonSchema,
  context: SchemaContext,
  name?: string,
): fc.Arbitrary<unknown> {
  const fromSchema = schemaArbitrary(schema, context);
  const known = name === undefined ? undefined : context.knownValues[name];
  // An enum or a constant knows its values better than a name shared by several fields.
  if (!known?.length || schema.enum || 'const' in schema) return fromSchema;
  return fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, fromSchema);
}

function schemaArbitrary(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryOf(resolved(schema.$ref, context), context);
  if (schema.nullable) {
    return fc.oneof(fc.constant(null), schemaArbitrary({ ...schema, nullable: false }, context));
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((each) => arbitraryOf(each, context)));
  if (schema.allOf?.length === 1) return arbitraryOf(schema.allOf[0]!, context);
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => schemaArbitrary({ ...schema, type }, context)));
  }
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? arbitraryOf(schema.items, context) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    case 'object':
      return objectArbitrary(schema, context);
    default:
      return anyValue(context);
  }
}

function resolved(ref: string, context: SchemaContext): JsonSchema {
  const target = context.components[ref.replace('#/components/schemas/', '')];
  if (!target) throw new Error(`the document has no ${ref}`);
  return target;
}

/** A value a schema says nothing about: one of the example rows, or any small JSON. */
function anyValue(context: SchemaContext): fc.Arbitrary<unknown> {
  const json = fc.jsonValue({ maxDepth: 2 });
  if (context.exampleRows.length === 0) return json;
  return fc.oneof({ arbitrary: fc.constantFrom(...context.exampleRows), weight: 3 }, json);
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    // Whole minutes between 2000 and 2100: what time-bucketed APIs take as valid.
    return fc
      .integer({ min: 15_778_080, max: 68_374_080 })
      .map((minutes) => new Date(minutes * 60_000).toISOString().replace('.000Z', 'Z'));
  }
  const matching = schema.pattern ? patternArbitrary(schema.pattern) : undefined;
  if (matching) return matching;
  return fc.string({
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 16, Math.max(schema.minLength ?? 0, 16)),
  });
}

/** Strings matching `pattern`, or undefined when fast-check cannot generate for it. */
function patternArbitrary(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern, 'u'));
  } catch {
    return undefined;
  }
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const exclusiveMinimum =
    typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMaximum =
    typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  const min = schema.minimum ?? exclusiveMinimum ?? -1e6;
  const max = Math.max(min, schema.maximum ?? exclusiveMaximum ?? min + 2e6);
  const minExcluded = schema.exclusiveMinimum === true || exclusiveMinimum !== undefined;
  const maxExcluded = schema.exclusiveMaximum === true || exclusiveMaximum !== undefined;
  if (schema.type === 'integer') {
    return fc.integer({
      min: Math.ceil(minExcluded ? min + 1 : min),
      max: Math.max(
        Math.ceil(minExcluded ? min + 1 : min),
        Math.floor(maxExcluded ? max - 1 : max),
      ),
    });
  }
  return fc.double({ min, max, minExcluded, maxExcluded, noNaN: true });
}

function objectArbitrary(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const declared = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, property]) => [
        key,
        arbitraryOf(property, context, key),
      ]),
    ),
    { requiredKeys: (schema.required ?? []).filter((key) => key in properties) },
  );
  const additional = schema.additionalProperties;
  if (typeof additional !== 'object' || Object.keys(properties).length > 0) return declared;
  return fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }),
    arbitraryOf(additional, context),
    {
      maxKeys: 3,
    },
  );
}
