import { eventMeasurements, measure, type MeasuredEvent } from './measurement';
import { compileMeter, type MeterDefinition } from './meter';
import { meterCatalog, type MeterVersion } from './meter-catalog';

const meterOf = (change: Partial<MeterDefinition> = {}) =>
  compileMeter({
    key: 'llm_tokens',
    eventType: 'com.acme.llm.completion',
    aggregation: 'SUM',
    valueProperty: '$.tokens',
    groupBy: { region: '$.region', model: '$.model' },
    ...change,
  });

const event = (
  data: Record<string, unknown>,
  change: Partial<MeasuredEvent> = {},
): MeasuredEvent => ({
  type: 'com.acme.llm.completion',
  subject: 'customer-42',
  time: new Date('2026-03-01T12:34:56.789Z'),
  data,
  ...change,
});

describe('measure', () => {
  it('puts the value in the UTC minute of the event, under its subject and group', () => {
    expect(measure(meterOf(), event({ tokens: 120, model: 'large', region: 'eu' }))).toEqual({
      kind: 'measured',
      meterKey: 'llm_tokens',
      bucketStart: new Date('2026-03-01T12:34:00.000Z'),
      subject: 'customer-42',
      groupKey: '{"model":"large","region":"eu"}',
      value: '120',
    });
  });

  it("uses '' for an event without subject and null for a missing group value", () => {
    expect(
      measure(meterOf(), event({ tokens: 1, model: 'large' }, { subject: undefined })),
    ).toMatchObject({
      subject: '',
      groupKey: '{"model":"large","region":null}',
    });
  });

  it("gives '{}' as the group key of a meter without groupBy", () => {
    expect(measure(meterOf({ groupBy: {} }), event({ tokens: 1 }))).toMatchObject({
      groupKey: '{}',
    });
  });

  it('keeps group values typed: the number 1 and the string "1" are different groups', () => {
    const meter = meterOf({ groupBy: { tier: '$.tier' } });
    const groupOf = (tier: unknown) =>
      (measure(meter, event({ tokens: 1, tier })) as { groupKey: string }).groupKey;
    expect(groupOf(1)).toBe('{"tier":1}');
    expect(groupOf('1')).toBe('{"tier":"1"}');
    expect(groupOf(true)).toBe('{"tier":true}');
  });

  it('skips an event of another type', () => {
    expect(measure(meterOf(), event({ tokens: 1 }, { type: 'com.acme.other' }))).toEqual({
      kind: 'skipped',
      meterKey: 'llm_tokens',
      reason: 'other-event-type',
    });
  });

  it('skips an event the filter leaves out, before looking at its value', () => {
    const meter = meterOf({ filter: { all: [{ path: '$.status', op: 'eq', value: 'ok' }] } });
    expect(measure(meter, event({ tokens: 'lots', status: 'error' }))).toMatchObject({
      kind: 'skipped',
      reason: 'filtered-out',
    });
    expect(measure(meter, event({ tokens: 5, status: 'ok' }))).toMatchObject({
      kind: 'measured',
      value: '5',
    });
  });

  it.each([
    [12.5, '12.5'],
    ['12.50', '12.5'],
    ['-3', '-3'],
    [0, '0'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('reads the number %j as %s', (tokens, value) => {
    expect(measure(meterOf(), event({ tokens }))).toMatchObject({ kind: 'measured', value });
  });

  it.each([
    [true, 'value at $.tokens is not a number'],
    [null, 'value at $.tokens is not a number'],
    ['', 'value at $.tokens is not a number'],
    ['twelve', 'value at $.tokens is not a number'],
    ['1e3', 'value at $.tokens is not a number'],
    [{ n: 1 }, 'value at $.tokens is not a number'],
    [[1], 'value at $.tokens is not a number'],
    [undefined, 'value at $.tokens is missing'],
    [
      '1'.repeat(41),
      'value at $.tokens is out of range (at most 40 integer and 30 fractional digits)',
    ],
  ])('rejects the value %j: %s', (tokens, reason) => {
    expect(measure(meterOf(), event({ tokens }))).toEqual({
      kind: 'rejected',
      meterKey: 'llm_tokens',
      reason,
    });
  });

  it.each(['AVG', 'MIN', 'MAX', 'LATEST'] as const)(
    'rejects a non-number for %s too',
    (aggregation) => {
      expect(measure(meterOf({ aggregation }), event({ tokens: 'x' }))).toMatchObject({
        kind: 'rejected',
      });
    },
  );

  it('rejects a group value that is an object or array', () => {
    expect(measure(meterOf(), event({ tokens: 1, region: { name: 'eu' } }))).toEqual({
      kind: 'rejected',
      meterKey: 'llm_tokens',
      reason: 'group-by value at $.region is not a string, number, boolean or null',
    });
  });

  it("measures '1' for COUNT, whatever the data", () => {
    const meter = meterOf({ aggregation: 'COUNT', valueProperty: undefined });
    expect(measure(meter, event({}))).toMatchObject({ kind: 'measured', value: '1' });
  });

  it('measures the canonical JSON of the value for UNIQUE_COUNT', () => {
    const meter = meterOf({ aggregation: 'UNIQUE_COUNT', valueProperty: '$.user' });
    const valueOf = (user: unknown) => measure(meter, event({ user }));
    expect(valueOf('ana')).toMatchObject({ value: '"ana"' });
    expect(valueOf(7)).toMatchObject({ value: '7' });
    expect(valueOf(7.0)).toMatchObject({ value: '7' });
    expect(valueOf(false)).toMatchObject({ value: 'false' });
    expect(valueOf({ id: 1 })).toMatchObject({
      kind: 'rejected',
      reason: 'value at $.user is not a string, number or boolean',
    });
    expect(valueOf(null)).toMatchObject({ kind: 'rejected' });
    expect(valueOf(undefined)).toMatchObject({
      kind: 'rejected',
      reason: 'value at $.user is missing',
    });
  });
});

describe('the measurements of an event', () => {
  const epoch = new Date(0);
  const march = new Date('2026-03-01T00:00:00Z');
  const version = (
    number: number,
    effectiveFrom: Date,
    change: Partial<MeterDefinition> = {},
  ): MeterVersion => ({
    key: change.key ?? 'llm_tokens',
    version: number,
    effectiveFrom,
    archived: false,
    meter: meterOf(change),
  });
  const completion = (data: Record<string, unknown>, time = new Date('2026-03-01T12:34:56Z')) =>
    event(data, { time });

  it('are what each meter counting it adds, in its version at the event time', () => {
    const catalog = meterCatalog([
      version(1, epoch, { groupBy: {} }),
      version(2, march),
      version(1, epoch, { key: 'completions', aggregation: 'COUNT', valueProperty: undefined }),
    ]);
    const { measurements, rejection } = eventMeasurements(
      catalog,
      completion({ tokens: 7, model: 'large', region: 'eu' }),
    );
    expect(rejection).toBeUndefined();
    expect(
      measurements.map(({ measurement, meter }) => [meter.key, meter.version, measurement.value]),
    ).toEqual([
      ['llm_tokens', 2, '7'],
      ['completions', 1, '1'],
    ]);
    const february = eventMeasurements(
      catalog,
      completion({ tokens: 7 }, new Date('2026-02-28T23:59:59Z')),
    );
    expect(february.measurements.map(({ meter }) => meter.version)).toEqual([1, 1]);
  });

  it('name the first meter that cannot measure the event, and still hold the others', () => {
    const catalog = meterCatalog([
      version(1, epoch),
      version(1, epoch, { key: 'latency', valueProperty: '$.latency_ms' }),
      version(1, epoch, { key: 'completions', aggregation: 'COUNT', valueProperty: undefined }),
    ]);
    const { measurements, rejection } = eventMeasurements(catalog, completion({ tokens: 'many' }));
    expect(rejection).toBe('meter llm_tokens: value at $.tokens is not a number');
    expect(measurements.map(({ meter }) => meter.key)).toEqual(['completions']);
  });

  it('reject nothing for meters that skip the event: filtered out, another type, archived', () => {
    const catalog = meterCatalog([
      version(1, epoch, { filter: { all: [{ path: '$.billable', op: 'eq', value: true }] } }),
      version(1, epoch, { key: 'images', eventType: 'com.acme.image' }),
      { ...version(1, epoch, { key: 'old' }), archived: true },
    ]);
    expect(eventMeasurements(catalog, completion({ billable: false, tokens: 'many' }))).toEqual({
      measurements: [],
    });
  });
});
