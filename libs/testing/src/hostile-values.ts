// Values that have answered 500 somewhere (issue #10): every field, parameter and cursor of a
// fuzzed request may get one of them. Each has a name, so a report says which one did it.
import fc from 'fast-check';

export interface Hostile<Value> {
  name: string;
  value: Value;
}

/**
 * JSON text to put in a value as it is: nesting that deep would overflow the stack of
 * JSON.stringify (and of the fuzzer) as a JavaScript value.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify, with every {@link RawJson} inside written as its text. */
export function jsonText(value: unknown): string | undefined {
  const raw: string[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) =>
    inner instanceof RawJson ? `@@raw-json-${raw.push(inner.text) - 1}@@` : inner,
  );
  return text?.replace(/"@@raw-json-(\d+)@@"/g, (_, index: string) => raw[Number(index)]!);
}

const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const longDecimal = '9'.repeat(200_000);

/** Strings that fit in a URL (Node answers a URL over 16 KiB itself, before any route). */
const hostileStrings: Array<Hostile<string>> = [
  { name: 'NUL', value: '\u0000' },
  { name: 'NUL inside', value: 'a\u0000b' },
  { name: 'lone surrogate', value: '\ud800' },
  { name: 'lone low surrogate inside', value: 'x\udfffy' },
  { name: 'non-decimal "str"', value: 'str' },
  { name: 'empty string', value: '' },
  { name: 'blank string', value: ' ' },
  { name: 'decimal of 2,000 digits', value: '9'.repeat(2_000) },
  { name: 'int4 overflow 2147483648', value: '2147483648' },
  { name: 'negative -1', value: '-1' },
  { name: '1e300', value: '1e300' },
  { name: 'year 0000', value: '0000-01-01T00:00:00Z' },
  { name: 'offset -23:59', value: '2026-01-01T00:00:00-23:59' },
  { name: 'offset +23:59', value: '2026-12-31T23:59:00+23:59' },
  { name: 'year 9999', value: '9999-12-31T23:59:59Z' },
  { name: 'extended year', value: '+275760-09-13T00:00:00Z' },
  { name: 'February 30', value: '2026-02-30T00:00:00Z' },
  { name: 'string of 4,000 characters', value: 'x'.repeat(4_000) },
];

/** JSON values for any field of a body: the strings above and values no URL can carry. */
const hostileJsonValues: Array<Hostile<unknown>> = [
  ...hostileStrings,
  { name: 'decimal of 200,000 digits', value: longDecimal },
  { name: 'decimal fraction of 200,000 digits', value: `0.${longDecimal}` },
  { name: 'string of 1,000,000 characters', value: 'x'.repeat(1_000_000) },
  { name: '10,000 nested arrays', value: new RawJson(nestedArrays(10_000)) },
  { name: 'number 2147483648', value: 2_147_483_648 },
  { name: 'number -2147483649', value: -2_147_483_649 },
  { name: 'number -1', value: -1 },
  { name: 'number 1e300', value: 1e300 },
  { name: 'number -1e300', value: -1e300 },
  { name: 'number 0.5', value: 0.5 },
  { name: 'number 2^53 + 2', value: 2 ** 53 + 2 },
  { name: 'true', value: true },
  { name: 'null', value: null },
  { name: 'empty object', value: {} },
  { name: 'empty array', value: [] },
  { name: 'object with a NUL key', value: { '\u0000': 1 } },
  { name: 'array of a number and a string', value: [1, 'x'] },
];

/** Keys of an extra field: ones that are not there, and ones JavaScript objects treat specially. */
const hostileKeys: Array<Hostile<string>> = [
  { name: 'extra field', value: 'unexpected' },
  { name: 'extra field with a lone surrogate key', value: '\ud800' },
  { name: 'extra field with a NUL key', value: 'k\u0000' },
  { name: 'extra field __proto__', value: '__proto__' },
  { name: 'extra field constructor', value: 'constructor' },
];

/** Whole bodies sent as they are, whatever the operation takes. */
const hostileBodyTexts: Array<Hostile<string>> = [
  { name: 'empty body', value: '' },
  { name: 'body null', value: 'null' },
  { name: 'truncated JSON', value: '{"a":' },
  { name: 'JSON of 10,000 nested arrays', value: nestedArrays(10_000) },
  { name: 'JSON number of 200,000 digits', value: longDecimal },
  { name: 'JSON string with a NUL escape', value: '"\\u0000"' },
  { name: 'JSON with a lone surrogate key', value: '{"\\ud800":1}' },
  { name: 'JSON with a raw NUL byte', value: '{"a":"\u0000"}' },
];

const picked = <Value>(values: Array<Hostile<Value>>) => fc.constantFrom(...values);

export const hostileString = () => picked(hostileStrings);
export const hostileJsonValue = () => picked(hostileJsonValues);
export const hostileKey = () => picked(hostileKeys);
export const hostileBodyText = () => picked(hostileBodyTexts);

/** Content types a JSON operation does not take, or that lie about the body. */
export const wrongContentType = () =>
  fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', '');

const toCursor = (value: unknown) => Buffer.from(jsonText(value)!).toString('base64url');

/**
 * Cursors a list did not hand out: garbage, base64url of JSON with hostile values, and the
 * `known` real cursors with one value inside replaced by a hostile one.
 */
export function forgedCursor(known: readonly string[]): fc.Arbitrary<Hostile<string>> {
  const garbage = fc.constantFrom<Hostile<string>>(
    { name: 'cursor that is not base64url', value: '!!!*' },
    { name: 'cursor of no JSON', value: Buffer.from('{"a":').toString('base64url') },
    { name: 'cursor of bytes', value: 'AAAA' },
  );
  const ofHostileJson = hostileJsonValue()
    .filter(({ value }) => jsonText(value)!.length < 4_000)
    .chain((hostile) =>
      fc.constantFrom<Hostile<string>>(
        { name: `cursor of ${hostile.name}`, value: toCursor(hostile.value) },
        { name: `cursor of [${hostile.name}]`, value: toCursor([hostile.value, hostile.value]) },
        { name: `cursor of {key: ${hostile.name}}`, value: toCursor({ key: hostile.value }) },
      ),
    );
  const decodable = known.flatMap((cursor) => {
    try {
      return [JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown];
    } catch {
      return [];
    }
  });
  if (decodable.length === 0) return fc.oneof(garbage, ofHostileJson);
  const forged = fc
    .tuple(fc.constantFrom(...decodable), fc.nat(), hostileJsonValue())
    .filter(([, , hostile]) => jsonText(hostile.value)!.length < 4_000)
    .map(([position, at, hostile]) => {
      const paths = leafPaths(position);
      const path = paths[at % paths.length]!;
      return {
        name: `real cursor with ${path.join('.') || 'its value'} ← ${hostile.name}`,
        value: toCursor(replacedAt(position, path, hostile.value)),
      };
    });
  return fc.oneof(garbage, ofHostileJson, { arbitrary: forged, weight: 3 });
}

/** The paths (keys and indices) of every value in `value`, itself included (as []). */
export function leafPaths(
  value: unknown,
  prefix: Array<string | number> = [],
): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => paths.push(...leafPaths(item, [...prefix, index])));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      paths.push(...leafPaths(item, [...prefix, key]));
  }
  return paths;
}

/** A copy of `value` with what is at `path` replaced by `replacement`. */
export function replacedAt(
  value: unknown,
  path: Array<string | number>,
  replacement: unknown,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      index === head ? replacedAt(item, rest, replacement) : item,
    );
  }
  const object = value as Record<string, unknown>;
  return { ...object, [head]: replacedAt(object[head], rest, replacement) };
}
