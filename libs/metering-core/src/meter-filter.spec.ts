import fc from 'fast-check';
import {
  compileMeterFilter,
  matchesFilter,
  meterFilterSchema,
  type Condition,
} from './meter-filter';

const event = {
  model: 'large',
  region: 'eu',
  tokens: 120,
  price: '0.0025',
  flagged: false,
  nothing: null,
  nested: { tier: 'pro' },
};

const holds = (condition: Condition, data: unknown = event) =>
  matchesFilter(meterFilterSchema.parse({ all: [condition] }), data);

describe('meter filters', () => {
  it.each<[Condition, boolean]>([
    [{ path: '$.model', op: 'eq', value: 'large' }, true],
    [{ path: '$.model', op: 'eq', value: 'small' }, false],
    [{ path: '$.flagged', op: 'eq', value: false }, true],
    [{ path: '$.nothing', op: 'eq', value: null }, true],
    [{ path: '$.nested.tier', op: 'eq', value: 'pro' }, true],
    [{ path: '$.model', op: 'neq', value: 'small' }, true],
    [{ path: '$.model', op: 'in', value: ['small', 'large'] }, true],
    [{ path: '$.model', op: 'in', value: ['small'] }, false],
    [{ path: '$.model', op: 'nin', value: ['small'] }, true],
    [{ path: '$.tokens', op: 'gt', value: 100 }, true],
    [{ path: '$.tokens', op: 'gt', value: 120 }, false],
    [{ path: '$.tokens', op: 'gte', value: '120' }, true],
    [{ path: '$.tokens', op: 'lt', value: '120.000001' }, true],
    [{ path: '$.tokens', op: 'lte', value: 119 }, false],
    [{ path: '$.price', op: 'lt', value: '0.003' }, true],
    [{ path: '$.price', op: 'gt', value: 0.0024 }, true],
    [{ path: '$.model', op: 'exists' }, true],
    [{ path: '$.missing', op: 'exists' }, false],
    [{ path: '$.missing', op: 'exists', value: false }, true],
  ])('%j → %s', (condition, expected) => {
    expect(holds(condition)).toBe(expected);
  });

  it('compares strictly: the number 120 is not the string "120"', () => {
    expect(holds({ path: '$.tokens', op: 'eq', value: '120' })).toBe(false);
    expect(holds({ path: '$.tokens', op: 'in', value: ['120'] })).toBe(false);
  });

  it('lets neq and nin match an absent value, and eq and in not', () => {
    expect(holds({ path: '$.missing', op: 'neq', value: 'x' })).toBe(true);
    expect(holds({ path: '$.missing', op: 'nin', value: ['x'] })).toBe(true);
    expect(holds({ path: '$.missing', op: 'eq', value: 'x' })).toBe(false);
    expect(holds({ path: '$.missing', op: 'in', value: ['x'] })).toBe(false);
  });

  it('treats null as absent for exists', () => {
    expect(holds({ path: '$.nothing', op: 'exists' })).toBe(false);
  });

  it('never matches a comparison on something that is not a number', () => {
    for (const path of ['$.model', '$.flagged', '$.nothing', '$.nested', '$.missing']) {
      expect(holds({ path, op: 'gt', value: -1e9 })).toBe(false);
      expect(holds({ path, op: 'lt', value: 1e9 })).toBe(false);
    }
  });

  it('needs every condition to hold', () => {
    const filter = meterFilterSchema.parse({
      all: [
        { path: '$.model', op: 'eq', value: 'large' },
        { path: '$.region', op: 'in', value: ['us', 'eu'] },
      ],
    });
    const passes = compileMeterFilter(filter);
    expect(passes(event)).toBe(true);
    expect(passes({ ...event, region: 'ap' })).toBe(false);
    expect(passes({ ...event, model: 'small' })).toBe(false);
  });

  it('makes neq the negation of eq and nin the negation of in', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.integer({ min: -3, max: 3 }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.option(scalar, { nil: undefined }),
        fc.array(scalar, { minLength: 1, maxLength: 4 }),
        (actual, values) => {
          const data = actual === undefined ? {} : { x: actual };
          const [first] = values as [string | number | boolean | null];
          expect(holds({ path: '$.x', op: 'neq', value: first }, data)).toBe(
            !holds({ path: '$.x', op: 'eq', value: first }, data),
          );
          expect(holds({ path: '$.x', op: 'nin', value: values }, data)).toBe(
            !holds({ path: '$.x', op: 'in', value: values }, data),
          );
        },
      ),
    );
  });

  it.each([
    [{ all: [] }, 'all'],
    [{ all: [{ path: '$..x', op: 'eq', value: 1 }] }, 'recursive descent'],
    [{ all: [{ path: '$.x', op: 'like', value: 'a%' }] }, 'op'],
    [{ all: [{ path: '$.x', op: 'gt', value: 'ten' }] }, 'decimal string'],
    [{ all: [{ path: '$.x', op: 'in', value: [] }] }, 'value'],
    [{ all: [{ path: '$.x', op: 'eq', value: { a: 1 } }] }, 'value'],
    [{ all: [{ path: '$.x', op: 'eq' }] }, 'value'],
    [{ all: [{ path: '$.x', op: 'exists', value: 'yes' }] }, 'value'],
    [{ all: [{ path: '$.x', op: 'eq', value: 1, extra: true }] }, 'extra'],
  ])('refuses the filter %j', (filter, mentioned) => {
    const result = meterFilterSchema.safeParse(filter);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(mentioned);
  });
});
