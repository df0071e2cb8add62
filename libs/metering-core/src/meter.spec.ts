import { ZodError } from 'zod';
import { compileMeter, meterDefinitionSchema, type MeterDefinition } from './meter';

const tokens: MeterDefinition = {
  key: 'llm_tokens',
  eventType: 'com.acme.llm.completion',
  aggregation: 'SUM',
  valueProperty: '$.tokens.total',
  groupBy: { region: '$.region', model: "$['model name']" },
  filter: { all: [{ path: '$.status', op: 'eq', value: 'ok' }] },
};

const issuesOf = (definition: unknown) => {
  const result = meterDefinitionSchema.safeParse(definition);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('meter definitions', () => {
  it('accepts a complete meter and defaults groupBy to none', () => {
    expect(issuesOf(tokens)).toEqual([]);
    const { groupBy: _groupBy, ...ungrouped } = tokens;
    expect(meterDefinitionSchema.parse(ungrouped).groupBy).toEqual({});
  });

  it('takes a COUNT meter without a value property', () => {
    expect(issuesOf({ key: 'requests', eventType: 'api.request', aggregation: 'COUNT' })).toEqual(
      [],
    );
  });

  it('refuses a value property on a COUNT meter', () => {
    expect(
      issuesOf({
        key: 'requests',
        eventType: 'api.request',
        aggregation: 'COUNT',
        valueProperty: '$.n',
      }),
    ).toEqual([expect.stringContaining('valueProperty: a COUNT meter counts events')]);
  });

  it.each(['SUM', 'AVG', 'MIN', 'MAX', 'UNIQUE_COUNT', 'LATEST'])(
    'refuses a %s meter without a value property',
    (aggregation) => {
      expect(issuesOf({ key: 'm', eventType: 'api.request', aggregation })).toEqual([
        expect.stringContaining(`valueProperty: a ${aggregation} meter needs a valueProperty`),
      ]);
    },
  );

  it.each([
    ['an uppercase key', { key: 'Tokens' }, 'key'],
    ['a key starting with a digit', { key: '1tokens' }, 'key'],
    ['a key of 64 characters', { key: `t${'x'.repeat(63)}` }, 'key'],
    ['an event type with spaces', { eventType: 'llm completion' }, 'eventType'],
    ['an unknown aggregation', { aggregation: 'MEDIAN' }, 'aggregation'],
    ['a value path outside the subset', { valueProperty: '$..total' }, 'valueProperty'],
    ['a group name with a dash', { groupBy: { 'model-name': '$.model' } }, 'groupBy'],
    ['a group path outside the subset', { groupBy: { model: 'model' } }, 'groupBy.model'],
    ['the reserved group name subject', { groupBy: { subject: '$.user' } }, 'groupBy.subject'],
    ['an unknown attribute', { window: 'HOUR' }, ''],
  ])('refuses %s', (_what, change, path) => {
    const issues = issuesOf({ ...tokens, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`^${path.replace('.', '\\.')}`));
  });

  it('allows 10 group-by properties and refuses 11', () => {
    const groups = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`g${i}`, `$.g${i}`]));
    expect(issuesOf({ ...tokens, groupBy: groups(10) })).toEqual([]);
    expect(issuesOf({ ...tokens, groupBy: groups(11) })).toEqual([
      'groupBy: at most 10 group-by properties',
    ]);
  });
});

describe('compileMeter', () => {
  it('parses every path once and orders group-by properties by name', () => {
    const meter = compileMeter(tokens);
    expect(meter.key).toBe('llm_tokens');
    expect(meter.groupBy.map((group) => group.name)).toEqual(['model', 'region']);
    const data = { tokens: { total: 7 }, region: 'eu', 'model name': 'large', status: 'ok' };
    expect(meter.value?.read(data)).toBe(7);
    expect(meter.groupBy.map((group) => group.read(data))).toEqual(['large', 'eu']);
    expect(meter.matches(data)).toBe(true);
    expect(meter.matches({ ...data, status: 'error' })).toBe(false);
  });

  it('matches every event when the meter has no filter', () => {
    const { filter: _filter, ...unfiltered } = tokens;
    expect(compileMeter(unfiltered).matches({})).toBe(true);
  });

  it('has no value reader for COUNT', () => {
    expect(
      compileMeter({ key: 'requests', eventType: 'api.request', aggregation: 'COUNT', groupBy: {} })
        .value,
    ).toBeUndefined();
  });

  it('refuses an invalid definition', () => {
    expect(() => compileMeter({ ...tokens, valueProperty: undefined })).toThrow(ZodError);
  });
});
