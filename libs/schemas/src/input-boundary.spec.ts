import fc from 'fast-check';
import { z } from 'zod';
import { boundedInput, inputBoundaryIssues, inputLimits } from './input-boundary';

// Strings PostgreSQL stores as they are: well-formed, no NUL.
const storableText = fc.string({ unit: 'grapheme' }).filter((text) => !text.includes('\u0000'));
const storableJson = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 8 },
    storableText,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(storableText, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const unstorableText = fc
  .tuple(storableText, fc.constantFrom('\u0000', '\ud800', '\udfff'), storableText)
  .map((parts) => parts.join(''));

/** Every path to a value inside `value`, the root included. */
function pathsIn(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [path];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [path, ...entries.flatMap(([key, item]) => pathsIn(item, [...path, key]))];
}

function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[key!] = replaceAt(copy[key!], rest, replacement);
  return copy;
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe('inputBoundaryIssues', () => {
  it('passes any storable JSON value', () => {
    fc.assert(fc.property(storableJson, (value) => inputBoundaryIssues(value).length === 0));
  });

  it('names the exact place of a NUL or lone surrogate anywhere in a value', () => {
    fc.assert(
      fc.property(
        storableJson.chain((value) =>
          fc.tuple(fc.constant(value), fc.constantFrom(...pathsIn(value))),
        ),
        unstorableText,
        ([value, path], text) => {
          const issues = inputBoundaryIssues(replaceAt(value, path, text));
          expect(issues).toHaveLength(1);
          expect(issues[0]!.path).toEqual(path);
        },
      ),
    );
  });

  it('refuses unstorable property names', () => {
    expect(inputBoundaryIssues({ events: [{ data: { 'a\u0000b': 1 } }] })).toEqual([
      {
        path: ['events', 0, 'data', 'a\u0000b'],
        message: 'property name must not contain the NUL character (U+0000)',
      },
    ]);
  });

  it(`accepts nesting ${inputLimits.maxDepth} deep and refuses deeper, without recursion`, () => {
    expect(inputBoundaryIssues(nested(inputLimits.maxDepth))).toEqual([]);
    const [issue, ...others] = inputBoundaryIssues(nested(100_000));
    expect(others).toEqual([]);
    expect(issue!.path).toHaveLength(inputLimits.maxDepth);
    expect(issue!.message).toBe(
      `must not nest arrays or objects more than ${inputLimits.maxDepth} deep`,
    );
  });

  it('reports at most maxIssues places', () => {
    expect(inputBoundaryIssues(Array(1000).fill('\u0000'))).toHaveLength(inputLimits.maxIssues);
  });
});

describe('boundedInput', () => {
  it('refuses before the schema reads the value, one issue per place', () => {
    const read = jest.fn((value: unknown) => value);
    const schema = boundedInput(z.object({ id: z.string() }).transform(read));
    const result = schema.safeParse({ id: 'a\u0000', note: '\ud800' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(({ path }) => path)).toEqual([['id'], ['note']]);
    expect(read).not.toHaveBeenCalled();
    expect(schema.parse({ id: 'fine' })).toEqual({ id: 'fine' });
  });

  it('documents the schema it guards', () => {
    const guarded = z.object({ id: z.string() });
    expect(z.toJSONSchema(boundedInput(guarded), { io: 'input' })).toEqual(
      z.toJSONSchema(guarded, { io: 'input' }),
    );
  });
});
