import fc from 'fast-check';
import { compileMeter, type MeterDefinition } from './meter';
import { meterCatalog, type MeterVersion } from './meter-catalog';
import { amendmentVerdict, type RecordedUsageEvent } from './usage-amendment';

const epoch = new Date(0);
const version = (
  number: number,
  effectiveFrom: Date,
  change: Partial<MeterDefinition> = {},
): MeterVersion => ({
  key: change.key ?? 'tokens',
  version: number,
  effectiveFrom,
  archived: false,
  meter: compileMeter({
    key: 'tokens',
    eventType: 'llm.tokens',
    aggregation: 'SUM',
    valueProperty: '$.tokens',
    groupBy: { model: '$.model' },
    ...change,
  }),
});
const tokens = meterCatalog([version(1, epoch)]);

const recorded: RecordedUsageEvent = {
  id: 'evt-1',
  source: 'gateway',
  type: 'llm.tokens',
  subject: 'customer-42',
  time: new Date('2026-03-10T11:59:30Z'),
  data: { tokens: 12, model: 'large' },
};

describe('the amendment of a recorded usage event', () => {
  it('takes new data every meter can measure, with what the event counts in now', () => {
    const verdict = amendmentVerdict(recorded, { tokens: 20, model: 'small' }, tokens);
    expect(verdict.kind).toBe('amended');
    if (verdict.kind !== 'amended') return;
    expect(
      verdict.measurements.map(({ measurement, meter }) => [
        meter.key,
        meter.version,
        measurement.bucketStart.toISOString(),
        measurement.subject,
        measurement.groupKey,
        measurement.value,
      ]),
    ).toEqual([
      ['tokens', 1, '2026-03-10T11:59:00.000Z', 'customer-42', '{"model":"small"}', '20'],
    ]);
  });

  it('refuses data a meter counting the event cannot measure, naming the meter', () => {
    expect(amendmentVerdict(recorded, { tokens: 'lots' }, tokens)).toEqual({
      kind: 'rejected',
      reason: 'meter tokens: value at $.tokens is not a number',
    });
  });

  it('refuses data that would make the event too large, before asking the meters', () => {
    const verdict = amendmentVerdict(recorded, { padding: 'x'.repeat(70_000) }, tokens);
    expect(verdict).toEqual({
      kind: 'rejected',
      reason: expect.stringMatching(/^event is \d+ bytes/),
    });
  });

  it('finds data equal to the recorded data unchanged, whatever the key order', () => {
    expect(amendmentVerdict(recorded, { model: 'large', tokens: 12 }, tokens)).toEqual({
      kind: 'unchanged',
    });
  });

  it('refuses unmeasurable data even when it is the recorded data (a meter defined later)', () => {
    const later = { ...recorded, data: { model: 'large' } };
    expect(amendmentVerdict(later, { model: 'large' }, tokens)).toMatchObject({ kind: 'rejected' });
  });

  it('measures with the meter versions of the event time, not those of today', () => {
    const catalog = meterCatalog([
      version(1, epoch),
      version(2, new Date('2026-03-10T12:00:00Z'), { valueProperty: '$.input_tokens' }),
    ]);
    const verdict = amendmentVerdict(recorded, { tokens: 3 }, catalog);
    expect(verdict).toMatchObject({ kind: 'amended' });
    if (verdict.kind === 'amended') expect(verdict.measurements[0]!.meter.version).toBe(1);
  });

  it('does not judge the event time again: an event older than any lateness limit can be amended', () => {
    const ancient = { ...recorded, time: new Date('2020-01-01T00:00:00Z') };
    expect(amendmentVerdict(ancient, { tokens: 1 }, tokens)).toMatchObject({ kind: 'amended' });
  });

  it('counts an event without a subject under none', () => {
    const { subject: _, ...unsubjected } = recorded;
    const verdict = amendmentVerdict(unsubjected, { tokens: 1 }, tokens);
    if (verdict.kind !== 'amended') throw new Error(`expected amended, got ${verdict.kind}`);
    expect(verdict.measurements[0]!.measurement.subject).toBe('');
  });

  it('is one of amended, rejected or unchanged exactly as measurability and sameness say', () => {
    const values = fc.constantFrom<unknown>(1, 12, '12.5', 'lots', undefined, null);
    fc.assert(
      fc.property(values, values, (before, after) => {
        const dataOf = (value: unknown) => (value === undefined ? {} : { tokens: value });
        const verdict = amendmentVerdict(
          { ...recorded, data: dataOf(before) },
          dataOf(after),
          tokens,
        );
        const measurable = typeof after === 'number' || after === '12.5';
        expect(verdict.kind).toBe(
          !measurable ? 'rejected' : before === after ? 'unchanged' : 'amended',
        );
      }),
    );
  });
});
