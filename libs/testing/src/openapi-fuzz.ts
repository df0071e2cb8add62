// Fuzzes a running service from its own OpenAPI document: for every secured operation,
// fast-check draws requests valid by the document's schemas and makes one part of each hostile
// (a field, a parameter, a cursor, the whole body, the content type or the token). Every answer
// must be below 500, and every 4xx a problem+json of its status.
import fc from 'fast-check';
import {
  answerFault,
  bodyText,
  excerpt,
  requestTarget,
  sendFuzzRequest,
  type FuzzAnswer,
  type FuzzCaller,
  type FuzzRequest,
} from './fuzz-request';
import { arbitraryOf, type JsonSchema, type SchemaContext } from './json-schema-arbitrary';
import { bodyMutations, callerMutation, parameterMutations, unchanged } from './request-mutations';

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** The service under test: where it listens and how a caller of a tenant authenticates. */
export interface FuzzTarget {
  url: string;
  authorization(tenantId: string, roles?: readonly string[]): Promise<Record<string, string>>;
  /** What the service logged as errors: a 5xx's cause, found by its correlation id. */
  loggedErrors?: readonly string[];
}

export interface FuzzOptions {
  /** The tenant every authenticated request is made for, with all the service's roles. */
  tenantId: string;
  /** Requests per operation; default `FUZZ_RUNS` or 50. */
  runs?: number;
  /** Values to draw often for a field or parameter of that name: the keys of seeded state. */
  knownValues?: Record<string, readonly unknown[]>;
  /** Valid rows for values whose schema is `{}` (uploads, samples), as JSON; CSV spreads them. */
  exampleRows?: readonly unknown[];
}

/** Requests per operation: `FUZZ_RUNS` (`npm run fuzz` sets 2000), 50 by default. */
export const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 50);

/** Enough time for `fuzzRuns` requests per operation of a service. */
export const fuzzTimeout = Math.max(300_000, fuzzRuns * 3_000);

interface Operation {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

/** A fault with one cause: the first request that showed it, and what else did. */
interface Finding {
  title: string;
  triggers: Set<string>;
  example: string;
}

/**
 * Fuzzes every secured operation of the service's `/openapi.json` (deletions last, so that the
 * seeded state lives as long as it can) and throws, as `fc.assert` would, when an answer broke
 * the rule: one entry per distinct fault (operation, status and cause: the error the service
 * logged for a 5xx, the problem otherwise), with what triggered it and the first request that
 * did, with its fast-check seed and path.
 */
export async function fuzzOpenApi(target: FuzzTarget, options: FuzzOptions): Promise<void> {
  const document = (await (await fetch(`${target.url}/openapi.json`)).json()) as OpenApiDocument;
  const context: SchemaContext = {
    components: document.components?.schemas ?? {},
    knownValues: options.knownValues ?? {},
    exampleRows: options.exampleRows ?? [],
  };
  const headersOf = callerHeaders(target, options.tenantId);
  const cursors = await handedOutCursors(target.url, operationsOf(document), context, headersOf);
  const findings = new Map<string, Finding>();
  for (const operation of operationsOf(document)) {
    const failures: Array<{
      request: FuzzRequest;
      fault: string;
      answer: FuzzAnswer;
      run: number;
    }> = [];
    let run = 0;
    const details = await fc.check(
      fc.asyncProperty(requestArbitrary(operation, context, cursors), async (request) => {
        const index = run++;
        const answer = await sendFuzzRequest(target.url, request, headersOf).catch(
          (error: Error): FuzzAnswer => ({
            status: 0,
            contentType: null,
            text: `${String(error)} (${String(error.cause)})`,
          }),
        );
        const fault = answer.status === 0 ? 'got no answer' : answerFault(answer);
        if (fault) failures.push({ request, fault, answer, run: index });
      }),
      { numRuns: options.runs ?? fuzzRuns },
    );
    for (const { request, fault, answer, run: index } of failures) {
      const cause = causeOf(answer, target.loggedErrors ?? []);
      const title = `${operation.method.toUpperCase()} ${operation.path} ${fault}: ${cause}`;
      const key = title.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, '#');
      const finding = findings.get(key) ?? {
        title,
        triggers: new Set<string>(),
        example: `${describeRequest(request)} → ${excerpt(answer.text)} (seed ${details.seed}, path "${index}")`,
      };
      const { site, value } = request.mutation;
      finding.triggers.add(`${value}${site && ` in ${site}`}`);
      findings.set(key, finding);
    }
  }
  if (findings.size === 0) return;
  const entries = [...findings.values()].map(({ title, triggers, example }) => {
    const shown = [...triggers].slice(0, 8).join('; ');
    const more = triggers.size > 8 ? ` (and ${triggers.size - 8} more)` : '';
    return `${title}\n  for ${shown}${more}\n  e.g. ${example}`;
  });
  throw new Error(`${findings.size} distinct faulty answers:\n\n${entries.join('\n\n')}`);
}

/** What made `answer` fail: the error the service logged under its correlation id, or its problem. */
function causeOf(answer: FuzzAnswer, loggedErrors: readonly string[]): string {
  let problem: { title?: unknown; detail?: unknown; correlationId?: unknown } = {};
  try {
    problem = JSON.parse(answer.text) as typeof problem;
  } catch {
    return excerpt(answer.text, 120);
  }
  const marker = `(correlation id ${String(problem.correlationId)}): `;
  const logged = loggedErrors.findLast((message) => message.includes(marker));
  if (logged) return excerpt(logged.slice(logged.indexOf(marker) + marker.length), 200);
  return excerpt(`${String(problem.title)}: ${String(problem.detail)}`, 200);
}

/** The secured operations of `document`, deletions last. */
function operationsOf(document: OpenApiDocument): Operation[] {
  const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ method, path, operation })),
  );
  return operations
    .filter(({ operation }) => operation.security?.length)
    .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
}

function callerHeaders(target: FuzzTarget, tenantId: string) {
  return async (caller: FuzzCaller): Promise<Record<string, string>> => {
    switch (caller) {
      case 'tenant':
        return withoutContentType(await target.authorization(tenantId));
      case 'no roles':
        return withoutContentType(await target.authorization(tenantId, []));
      case 'garbage token':
        return { authorization: 'Bearer not.a.token' };
      case 'no token':
        return {};
    }
  };
}

const withoutContentType = ({ authorization }: Record<string, string>): Record<string, string> =>
  authorization ? { authorization } : {};

/**
 * The `nextCursor` of the first page of one item of every list whose path the known values
 * fill, by operation (`<method> <path>`): real cursors, to page with and to forge others from.
 */
async function handedOutCursors(
  url: string,
  operations: Operation[],
  context: SchemaContext,
  headersOf: (caller: FuzzCaller) => Promise<Record<string, string>>,
): Promise<Map<string, string>> {
  const cursors = new Map<string, string>();
  for (const { method, path, operation } of operations) {
    const parameters = operation.parameters ?? [];
    if (method !== 'get' || !parameters.some(({ name }) => name === 'cursor')) continue;
    const inPath = parameters.filter((parameter) => parameter.in === 'path');
    const pathValues = Object.fromEntries(
      inPath.map(({ name }) => [name, String(context.knownValues[name]?.[0] ?? '')]),
    );
    if (Object.values(pathValues).includes('')) continue;
    const request: FuzzRequest = {
      method,
      template: path,
      pathValues,
      query: [['limit', '1']],
      caller: 'tenant',
      mutation: { site: '', value: 'valid request' },
    };
    const answer = await sendFuzzRequest(url, request, headersOf);
    const nextCursor = answer.status === 200 ? JSON.parse(answer.text).nextCursor : null;
    if (typeof nextCursor === 'string') cursors.set(`${method} ${path}`, nextCursor);
  }
  return cursors;
}

/** Requests for `operation`: valid by its schemas, then with one part made hostile. */
function requestArbitrary(
  { method, path, operation }: Operation,
  generalContext: SchemaContext,
  cursors: Map<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const ownCursor = cursors.get(`${method} ${path}`);
  // Its own cursor pages on; a cursor of another list would be refused (and is forged below).
  const context = ownCursor
    ? { ...generalContext, knownValues: { ...generalContext.knownValues, cursor: [ownCursor] } }
    : generalContext;
  const parameters = operation.parameters ?? [];
  const inPath = parameters.filter((parameter) => parameter.in === 'path');
  const inQuery = parameters.filter((parameter) => parameter.in === 'query');
  const valid = fc.record({
    pathValues: fc.record(
      Object.fromEntries(
        inPath.map(({ name, schema }) => [
          name,
          arbitraryOf(schema ?? {}, context, name).map(String),
        ]),
      ),
    ),
    query: fc
      .record(
        Object.fromEntries(
          inQuery.map(({ name, schema }) => [name, arbitraryOf(schema ?? {}, context, name)]),
        ),
        { requiredKeys: inQuery.filter(({ required }) => required).map(({ name }) => name) },
      )
      .map((values) =>
        Object.entries(values).flatMap(([name, value]): Array<[string, string]> =>
          (Array.isArray(value) ? value : [value]).map((each) => [name, String(each)]),
        ),
      ),
    body: bodyArbitrary(operation, context),
  });
  const mutation = fc.oneof(
    { arbitrary: fc.constant(unchanged), weight: 2 },
    ...parameterMutations(inPath, inQuery, [...cursors.values()]),
    ...bodyMutations(method, Object.keys(operation.requestBody?.content ?? {})),
    { arbitrary: callerMutation(), weight: 1 },
  );
  return fc.tuple(valid, mutation).map(([parts, mutate]) =>
    mutate({
      method,
      template: path,
      pathValues: parts.pathValues,
      query: parts.query,
      ...(parts.body ? { body: parts.body } : {}),
      caller: 'tenant',
      mutation: { site: '', value: 'valid request' },
    }),
  );
}

/** A valid body in one of the operation's media types: JSON, or rows for the text types. */
function bodyArbitrary(operation: OpenApiOperation, context: SchemaContext) {
  const content = Object.entries(operation.requestBody?.content ?? {});
  if (content.length === 0) return fc.constant(undefined);
  return fc.oneof(
    ...content.map(([contentType, { schema }]) =>
      (contentType.endsWith('json')
        ? arbitraryOf(schema ?? {}, context)
        : rowsArbitrary(context)
      ).map((value) => ({ contentType, value })),
    ),
  );
}

/** Rows for an NDJSON or CSV upload: the row schema is the service's, not the document's. */
function rowsArbitrary(context: SchemaContext) {
  return fc.array(arbitraryOf({}, context), { minLength: 1, maxLength: 5 });
}

/** A fuzzed request as a reader can replay it. */
function describeRequest(request: FuzzRequest): string {
  const body = request.body
    ? ` ${request.body.contentType || 'no content type'} ${excerpt(bodyText(request.body), 200)}`
    : '';
  return `${request.method.toUpperCase()} ${excerpt(requestTarget(request), 200)}${body} as ${request.caller}`;
}
