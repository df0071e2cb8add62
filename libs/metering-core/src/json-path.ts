import { DomainError } from '@tenantry/common';

/**
 * Meters point into event data with a small subset of JSONPath (RFC 9535), written the same
 * way so a path means the same thing in a full implementation:
 *
 *   $.a.b          member by name: a letter or '_', then letters, digits or '_'
 *   $.a[0].b       array element by non-negative index
 *   $['key with space'], $["k"]   member by any name; escapes \\ \' \" only
 *
 * A path names one value: no wildcards, slices, filters, recursion (..) or negative indexes.
 * A full JSONPath library is not worth it here: meters need single-value lookups, compiled
 * once and run per event, and the wider language would let meters select lists of values
 * that no aggregation defines.
 */
export type JsonPathReader = (data: unknown) => unknown;

/** A meter or filter path outside the supported JSONPath subset. */
export class InvalidJsonPathError extends DomainError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super({
      status: 422,
      type: 'invalid-json-path',
      title: 'Unsupported JSON path',
      detail: `JSON path ${JSON.stringify(path)}: ${reason}. Supported: $.name, $.name[0], $['any name']`,
      members: { path },
    });
  }
}

/** Longest accepted path, in characters. */
export const maxJsonPathLength = 512;
/** Most segments (names and indexes) in one path. */
export const maxJsonPathSegments = 32;

type Segment = { kind: 'member'; name: string } | { kind: 'index'; index: number };

const memberName = /^[A-Za-z_][A-Za-z0-9_]*/;
const arrayIndex = /^(?:0|[1-9]\d{0,8})\]/;

/** Compiles a path of the supported subset into a reader; throws InvalidJsonPathError otherwise. */
export function compileJsonPath(path: string): JsonPathReader {
  const segments = parseSegments(path);
  return (data) => {
    let current = data;
    for (const segment of segments) {
      if (segment.kind === 'member') {
        if (!isJsonObject(current) || !Object.hasOwn(current, segment.name)) return undefined;
        current = current[segment.name];
      } else {
        if (!Array.isArray(current) || segment.index >= current.length) return undefined;
        current = current[segment.index];
      }
    }
    return current;
  };
}

function parseSegments(path: string): Segment[] {
  const fail = (reason: string): never => rejectPath(path, reason);
  if (path.length > maxJsonPathLength) fail(`longer than ${maxJsonPathLength} characters`);
  if (!path.startsWith('$')) fail("must start with '$'");
  const segments: Segment[] = [];
  let at = 1;
  while (at < path.length) {
    const rest = path.slice(at);
    if (rest.startsWith('..')) fail(`recursive descent '..' at position ${at} is not supported`);
    if (rest.startsWith('.')) {
      const name =
        memberName.exec(rest.slice(1))?.[0] ?? fail(`expected a member name at position ${at + 1}`);
      segments.push({ kind: 'member', name });
      at += 1 + name.length;
    } else if (rest.startsWith("['") || rest.startsWith('["')) {
      const { name, length } = readQuotedName(rest, at, fail);
      segments.push({ kind: 'member', name });
      at += length;
    } else if (rest.startsWith('[')) {
      const index =
        arrayIndex.exec(rest.slice(1))?.[0] ??
        fail(`expected a non-negative index or a quoted name at position ${at + 1}`);
      segments.push({ kind: 'index', index: Number(index.slice(0, -1)) });
      at += 1 + index.length;
    } else {
      fail(`unexpected ${JSON.stringify(rest[0])} at position ${at}`);
    }
  }
  if (segments.length === 0) fail('must name at least one member or index');
  if (segments.length > maxJsonPathSegments) fail(`more than ${maxJsonPathSegments} segments`);
  return segments;
}

/** Reads `['…']` or `["…"]` at the start of `text`; `at` is its position in the path, for errors. */
function readQuotedName(
  text: string,
  at: number,
  fail: (reason: string) => never,
): { name: string; length: number } {
  const quote = text[1];
  let name = '';
  for (let i = 2; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      const escaped = text[i + 1];
      if (escaped !== '\\' && escaped !== "'" && escaped !== '"') {
        fail(`unsupported escape at position ${at + i}; only \\\\, \\' and \\" are`);
      }
      name += escaped;
      i++;
    } else if (char === quote) {
      if (text[i + 1] !== ']') fail(`expected ']' at position ${at + i + 1}`);
      return { name, length: i + 2 };
    } else {
      name += char;
    }
  }
  return fail(`unterminated quoted name at position ${at}`);
}

function rejectPath(path: string, reason: string): never {
  throw new InvalidJsonPathError(path, reason);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
