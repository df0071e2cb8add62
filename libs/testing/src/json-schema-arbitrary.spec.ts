import fc from 'fast-check';
import { z } from 'zod';
import { arbitraryOf, type JsonSchema } from './json-schema-arbitrary';

const context = { components: {}, knownValues: {}, exampleRows: [] };

/** The JSON Schema zod writes for the OpenAPI documents, as the services serve it. */
const documented = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as JsonSchema;

describe('arbitraryOf', () => {
  it('draws values that the zod schema behind the document accepts', () => {
    const schema = z.strictObject({
      key: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/),
      name: z.string().min(1).max(40).optional(),
      kind: z.enum(['numeric', 'categorical']),
      bins: z.number().int().min(2).max(100),
      threshold: z.number().gt(0).max(1),
      at: z.iso.datetime(),
      tags: z.array(z.string().max(5)).min(1).max(3),
      labels: z.record(z.string(), z.string()),
      note: z.string().nullable(),
      window: z.union([
        z.strictObject({ type: z.literal('time'), seconds: z.number().int().min(1) }),
        z.strictObject({ type: z.literal('count'), rows: z.number().int().min(10) }),
      ]),
    });
    fc.assert(
      fc.property(arbitraryOf(documented(schema), context), (value) => {
        expect(schema.safeParse(value).error).toBeUndefined();
      }),
    );
  });

  it('draws the known values of a field often, unless the schema enumerates its own', () => {
    const schema = documented(z.object({ key: z.string(), kind: z.enum(['a', 'b']) }));
    const known = { ...context, knownValues: { key: ['seeded'], kind: ['seeded'] } };
    const values = fc.sample(arbitraryOf(schema, known), { numRuns: 200 }) as Array<{
      key: string;
      kind: string;
    }>;
    expect(values.filter(({ key }) => key === 'seeded').length).toBeGreaterThan(100);
    expect(values.every(({ kind }) => kind === 'a' || kind === 'b')).toBe(true);
  });

  it('follows references into the components', () => {
    const components = { Limit: { type: 'integer', minimum: 5, maximum: 5 } };
    const values = fc.sample(
      arbitraryOf({ $ref: '#/components/schemas/Limit' }, { ...context, components }),
      { numRuns: 10 },
    );
    expect(new Set(values)).toEqual(new Set([5]));
  });
});
