// The ways a valid request is made hostile, one part at a time: each mutation names the part
// (`site`) and the hostile value, so a report says what did it.
import fc from 'fast-check';
import { bodyText, type FuzzCaller, type FuzzRequest } from './fuzz-request';
import {
  forgedCursor,
  hostileBodyText,
  hostileJsonValue,
  hostileKey,
  hostileString,
  leafPaths,
  replacedAt,
  wrongContentType,
} from './hostile-values';

/** A parameter of an operation, as far as mutating it goes. */
interface Parameter {
  name: string;
  required?: boolean;
}

/** Makes one part of a valid request hostile and says which (`FuzzRequest.mutation`). */
export type Mutation = (request: FuzzRequest) => FuzzRequest;
export type Mutations = Array<fc.Arbitrary<Mutation> | fc.WeightedArbitrary<Mutation>>;

const mutated =
  (site: string, value: string, change: Mutation): Mutation =>
  (request) => ({
    ...change(request),
    mutation: { site, value },
  });

/** The valid request as drawn. */
export const unchanged: Mutation = (request) => request;

/** Mutations of the parameters: each one hostile (or twice, or missing), or a hostile extra one. */
export function parameterMutations(
  inPath: Parameter[],
  inQuery: Parameter[],
  cursors: readonly string[],
): Mutations {
  const inPathMutations = inPath.map(({ name }) =>
    fc.oneof(hostileString(), malformedEscape()).map((hostile) =>
      mutated(`path ${name}`, hostile.name, (request) => ({
        ...request,
        pathValues: { ...request.pathValues, [name]: hostile.value },
      })),
    ),
  );
  const inQueryMutations = inQuery.map(({ name }) =>
    fc
      .oneof(
        hostileString(),
        malformedEscape(),
        ...(name === 'cursor' ? [forgedCursor(cursors)] : []),
      )
      .chain((hostile) =>
        fc.constantFrom(
          mutated(`query ${name}`, hostile.name, (request) => ({
            ...request,
            query: [...request.query.filter(([each]) => each !== name), [name, hostile.value]],
          })),
          mutated(`query ${name} twice`, hostile.name, (request) => ({
            ...request,
            query: [...request.query, [name, hostile.value], [name, hostile.value]],
          })),
        ),
      ),
  );
  const dropped = inQuery
    .filter(({ required }) => required)
    .map(({ name }) =>
      fc.constant(
        mutated(`query ${name}`, 'missing', (request) => ({
          ...request,
          query: request.query.filter(([each]) => each !== name),
        })),
      ),
    );
  const extra = fc.oneof(hostileString(), malformedEscape()).chain((hostile) =>
    fc.constantFrom(
      mutated('extra query parameter', hostile.name, (request) => ({
        ...request,
        query: [...request.query, ['unexpected', hostile.value]],
      })),
      mutated('query parameter named by a hostile value', hostile.name, (request) => ({
        ...request,
        query: [...request.query, [typeof hostile.value === 'string' ? hostile.value : 'x', '1']],
      })),
    ),
  );
  return [...inPathMutations, ...inQueryMutations, ...dropped, extra];
}

/** Percent escapes that do not decode: what a URL parser must refuse rather than throw on. */
const malformedEscape = () =>
  fc.constantFrom(
    { name: 'malformed escape %', value: { raw: '%' } },
    { name: 'malformed escape %E0%A4%A', value: { raw: '%E0%A4%A' } },
    { name: 'escaped lone surrogate %ED%A0%80', value: { raw: '%ED%A0%80' } },
  );

/** Mutations of the body: for an operation without one, only a whole hostile body. */
export function bodyMutations(method: string, contentTypes: string[]): Mutations {
  if (method === 'get') return [];
  const replaced = fc.tuple(fc.nat(), hostileJsonValue()).map(([at, hostile]) =>
    withBodyValue((value) => {
      const paths = leafPaths(value);
      const path = paths[at % paths.length]!;
      return [`body ${siteOf(path)}`, hostile.name, replacedAt(value, path, hostile.value)];
    }),
  );
  const dropped = fc.nat().map((at) =>
    withBodyValue((value) => {
      const fields = leafPaths(value).filter((path) => typeof path.at(-1) === 'string');
      const path = fields[at % Math.max(fields.length, 1)];
      if (!path) return ['body', 'nothing to drop', value];
      const parent = path.slice(0, -1);
      const { [path.at(-1)!]: _dropped, ...rest } = valueAt(value, parent) as Record<
        string,
        unknown
      >;
      return [`body ${siteOf(path)}`, 'missing', replacedAt(value, parent, rest)];
    }),
  );
  const extra = fc.tuple(fc.nat(), hostileKey(), hostileJsonValue()).map(([at, key, hostile]) =>
    withBodyValue((value) => {
      const objects = leafPaths(value).filter((path) => isObject(valueAt(value, path)));
      const path = objects[at % Math.max(objects.length, 1)];
      if (!path) return ['body', 'no object to extend', value];
      const extended = { ...(valueAt(value, path) as object), [key.value]: hostile.value };
      return [
        `body ${siteOf(path)}`,
        `${key.name} of ${hostile.name}`,
        replacedAt(value, path, extended),
      ];
    }),
  );
  const whole = hostileBodyText().chain((hostile) =>
    fc
      .constantFrom(...(contentTypes.length ? contentTypes : ['application/json']))
      .map((contentType) =>
        mutated(`whole body as ${contentType}`, hostile.name, (request) => ({
          ...request,
          body: { contentType, text: hostile.value },
        })),
      ),
  );
  const retyped = wrongContentType().map((contentType) =>
    mutated('content type', JSON.stringify(contentType), (request) => ({
      ...request,
      body: { contentType, text: request.body ? bodyText(request.body) : '{}' },
    })),
  );
  return contentTypes.length
    ? [{ arbitrary: replaced, weight: 4 }, dropped, extra, whole, retyped]
    : [whole];
}

/** A mutation of the body's value, as `[site, hostile value name, new value]`. */
function withBodyValue(change: (value: unknown) => [string, string, unknown]): Mutation {
  return (request) => {
    if (!request.body || request.body.text !== undefined) return request;
    const [site, name, value] = change(request.body.value);
    return { ...request, body: { ...request.body, value }, mutation: { site, value: name } };
  };
}

const isObject = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function valueAt(value: unknown, path: Array<string | number>): unknown {
  return path.reduce<unknown>((inner, key) => (inner as Record<string, unknown>)?.[key], value);
}

/** Where in the body `path` points, items of arrays as `[]`: `rows[].features.age`. */
const siteOf = (path: Array<string | number>) =>
  path.length
    ? path
        .map((key) => (typeof key === 'number' ? '[]' : `.${key}`))
        .join('')
        .replace(/^\./, '')
    : '(root)';

/** A caller without a token, with a garbage one, or with no roles. */
export function callerMutation(): fc.Arbitrary<Mutation> {
  return fc
    .constantFrom<FuzzCaller>('no token', 'garbage token', 'no roles')
    .map((caller) => mutated('caller', caller, (request) => ({ ...request, caller })));
}
