// A fuzzed HTTP request: built from values (any string, lone surrogates included), sent as the
// bytes a hostile client would send, and checked against the rule every answer must keep.

import { jsonText } from './hostile-values';
/** Who the request claims to come from. */
export type FuzzCaller = 'tenant' | 'no token' | 'garbage token' | 'no roles';

/** A value for a URL: encoded by the fuzzer, or sent `raw` (a malformed percent escape). */
export type UrlValue = string | { raw: string };

export interface FuzzRequest {
  method: string;
  /** The OpenAPI path, e.g. `/v1/meters/{key}`. */
  template: string;
  pathValues: Record<string, UrlValue>;
  query: Array<[string, UrlValue]>;
  /** No body when undefined; `text` wins over `value` (sent as is). */
  body?: { contentType: string; value?: unknown; text?: string };
  caller: FuzzCaller;
  /** What was made hostile, `<where> ← <hostile value>`, or 'valid request'. */
  mutation: { site: string; value: string };
}

/**
 * UTF-8 of `text`, a lone surrogate included as the three bytes UTF-8 would give its code unit
 * (invalid UTF-8, as a client that does not check would send it).
 */
export function looseUtf8(text: string): Buffer {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const point = text.codePointAt(index)!;
    if (point > 0xffff) index += 1;
    if (point >= 0xd800 && point <= 0xdfff) {
      bytes.push(0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
    } else {
      bytes.push(...Buffer.from(String.fromCodePoint(point)));
    }
  }
  return Buffer.from(bytes);
}

function encodedUrlValue(value: UrlValue): string {
  if (typeof value !== 'string') return value.raw;
  return [...looseUtf8(value)]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** The request's path and query, encoded. */
export function requestTarget(request: FuzzRequest): string {
  const path = request.template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodedUrlValue(request.pathValues[name] ?? ''),
  );
  const query = request.query
    .map(([name, value]) => `${encodedUrlValue(name)}=${encodedUrlValue(value)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** The body's text: JSON, or its rows as NDJSON lines or CSV. */
export function bodyText(body: NonNullable<FuzzRequest['body']>): string {
  if (body.text !== undefined) return body.text;
  const rows = Array.isArray(body.value) ? body.value : [body.value];
  switch (body.contentType) {
    case 'application/x-ndjson':
      return rows.map((row) => jsonText(row) ?? '').join('\n');
    case 'text/csv':
      return csvText(rows);
    default:
      return jsonText(body.value) ?? '';
  }
}

/**
 * Rows of objects as CSV, with a header of every key met; the entries of an object inside a row
 * are columns of their own (`{ features: { age } }` has an `age` column), and a row that is no
 * object is one cell.
 */
function csvText(rows: unknown[]): string {
  const isObject = (row: unknown): row is Record<string, unknown> =>
    row !== null && typeof row === 'object' && !Array.isArray(row);
  const flat = rows.map((row) =>
    isObject(row)
      ? Object.entries(row).reduce<Record<string, unknown>>(
          (columns, [key, value]) =>
            isObject(value) ? { ...columns, ...value } : { ...columns, [key]: value },
          {},
        )
      : row,
  );
  const columns = [...new Set(flat.filter(isObject).flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) => {
    if (value === undefined || value === null) return '';
    const text = typeof value === 'string' ? value : jsonText(value)!;
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = flat.map((row) =>
    isObject(row) ? columns.map((column) => cell(row[column])).join(',') : cell(row),
  );
  return [columns.map(cell).join(','), ...lines].join('\n');
}

export interface FuzzAnswer {
  status: number;
  contentType: string | null;
  text: string;
}

/** Sends `request` to `baseUrl`; `headersOf` gives the caller's headers. */
export async function sendFuzzRequest(
  baseUrl: string,
  request: FuzzRequest,
  headersOf: (caller: FuzzCaller) => Promise<Record<string, string>>,
): Promise<FuzzAnswer> {
  const headers = await headersOf(request.caller);
  if (request.body?.contentType) headers['content-type'] = request.body.contentType;
  const response = await fetch(`${baseUrl}${requestTarget(request)}`, {
    method: request.method.toUpperCase(),
    headers,
    // Bytes, so that fetch adds no content type of its own and sends lone surrogates as they are.
    ...(request.body ? { body: looseUtf8(bodyText(request.body)) } : {}),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
}

/**
 * What is wrong with `answer`, or undefined: no 5xx, and every 4xx a problem+json whose
 * `type` and `title` are strings and whose `status` is the answer's.
 */
export function answerFault({ status, contentType, text }: FuzzAnswer): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return undefined;
  if (!contentType?.startsWith('application/problem+json')) {
    return `answered ${status} as ${contentType ?? 'no content type'}, not problem+json`;
  }
  let problem: { type?: unknown; title?: unknown; status?: unknown };
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    return `answered ${status} with a problem+json that is not JSON`;
  }
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string') {
    return `answered ${status} with a problem without type or title`;
  }
  if (problem.status !== status) {
    return `answered ${status} with a problem of status ${String(problem.status)}`;
  }
  return undefined;
}

/** `text` cut to `length` characters, with control characters and lone surrogates escaped. */
export function excerpt(text: string, length = 300): string {
  const shown = (text.length > length ? `${text.slice(0, length)}…` : text).replace(
    /[\u0000-\u001f\u007f\ud800-\udfff]/gu,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return text.length > length ? `${shown} (${text.length} characters)` : shown;
}
