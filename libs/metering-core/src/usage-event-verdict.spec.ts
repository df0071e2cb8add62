import fc from 'fast-check';
import { compileMeter, type MeterDefinition } from './meter';
import { meterCatalog, type MeterCatalog, type MeterVersion } from './meter-catalog';
import { payloadHash } from './payload-identity';
import { usageEventVerdict, type UsageAcceptance } from './usage-event-verdict';

const minute = 60_000;
const day = 86_400_000;
const epoch = new Date(0);
const receivedAt = new Date('2026-03-10T12:00:00Z');
const acceptAll: UsageAcceptance = { latenessLimitDays: 35, unknownEventTypes: 'accept' };
const refuseUnknown: UsageAcceptance = { latenessLimitDays: 35, unknownEventTypes: 'reject' };

const version = (
  number: number,
  effectiveFrom: Date,
  change: Partial<MeterDefinition> & { archived?: boolean } = {},
): MeterVersion => {
  const { archived = false, ...definition } = change;
  const key = definition.key ?? 'tokens';
  return {
    key,
    version: number,
    effectiveFrom,
    archived,
    meter: compileMeter({
      key,
      eventType: 'llm.tokens',
      aggregation: 'SUM',
      valueProperty: '$.tokens',
      groupBy: {},
      ...definition,
    }),
  };
};
const tokens: MeterCatalog = meterCatalog([version(1, epoch)]);

const submitted = (change: Record<string, unknown> = {}) => ({
  id: 'evt-1',
  source: 'gateway',
  type: 'llm.tokens',
  subject: 'customer-42',
  time: '2026-03-10T11:59:30Z',
  data: { tokens: 12 },
  ...change,
});

const reasonOf = (
  raw: unknown,
  acceptance: UsageAcceptance = acceptAll,
  catalog: MeterCatalog = tokens,
) => {
  const verdict = usageEventVerdict(raw, receivedAt, acceptance, catalog);
  return verdict.kind === 'rejected' ? verdict.reason : 'accepted';
};

describe('the verdict on a usage event', () => {
  it('accepts a well-formed, timely event with what each meter counting it measures', () => {
    const verdict = usageEventVerdict(submitted(), receivedAt, acceptAll, tokens);
    expect(verdict).toMatchObject({
      kind: 'accepted',
      event: { id: 'evt-1', source: 'gateway', subject: 'customer-42' },
      time: new Date('2026-03-10T11:59:30Z'),
      late: false,
    });
    if (verdict.kind !== 'accepted') throw new Error('accepted above');
    expect(
      verdict.measurements.map(({ measurement, meter }) => [meter.key, measurement.value]),
    ).toEqual([['tokens', '12']]);
  });

  it('refuses a malformed event with the id and source it could read', () => {
    expect(usageEventVerdict(submitted({ type: '' }), receivedAt, acceptAll, tokens)).toMatchObject(
      {
        kind: 'rejected',
        id: 'evt-1',
        source: 'gateway',
      },
    );
    const unreadable = usageEventVerdict({ id: 7, data: {} }, receivedAt, acceptAll, tokens);
    expect(unreadable.kind).toBe('rejected');
    expect(unreadable).not.toHaveProperty('id');
    expect(unreadable).not.toHaveProperty('source');
    expect(usageEventVerdict('not an event', receivedAt, acceptAll, tokens)).toEqual({
      kind: 'rejected',
      reason: expect.any(String),
    });
  });

  it("refuses an event older than the tenant's lateness limit", () => {
    const old = submitted({ time: '2026-02-01T12:00:00Z' });
    expect(reasonOf(old, { ...acceptAll, latenessLimitDays: 30 })).toMatch(
      /lateness limit of 30 days/,
    );
    expect(reasonOf(old, { ...acceptAll, latenessLimitDays: 40 })).toBe('accepted');
  });

  it('refuses an event more than five minutes ahead of its arrival', () => {
    expect(reasonOf(submitted({ time: '2026-03-10T12:05:00Z' }))).toBe('accepted');
    expect(reasonOf(submitted({ time: '2026-03-10T12:05:00.001Z' }))).toMatch(/in the future/);
  });

  it('accepts an event that arrives after its minute and the grace, as late', () => {
    const verdict = usageEventVerdict(
      submitted({ time: '2026-03-10T11:57:59Z' }),
      receivedAt,
      acceptAll,
      tokens,
    );
    expect(verdict).toMatchObject({ kind: 'accepted', late: true });
  });

  it('takes the arrival as the time of an event without one, and measures it there', () => {
    const verdict = usageEventVerdict(
      submitted({ time: undefined }),
      receivedAt,
      acceptAll,
      tokens,
    );
    expect(verdict).toMatchObject({ kind: 'accepted', time: receivedAt, late: false });
    if (verdict.kind !== 'accepted') throw new Error('accepted above');
    expect(verdict.measurements[0]!.measurement.bucketStart).toEqual(receivedAt);
  });

  it('refuses an event a meter counting it cannot measure, naming the meter', () => {
    expect(reasonOf(submitted({ data: { tokens: 'many' } }))).toBe(
      'meter tokens: value at $.tokens is not a number',
    );
    expect(reasonOf(submitted({ data: {} }))).toBe('meter tokens: value at $.tokens is missing');
  });

  it('measures with the meter version in effect at the event time, not at its arrival', () => {
    // Version 2 reads another property, from a minute after the event.
    const catalog = meterCatalog([
      version(1, epoch),
      version(2, new Date('2026-03-10T11:59:00Z'), { valueProperty: '$.input_tokens' }),
    ]);
    const before = submitted({ time: '2026-03-10T11:58:59Z' });
    expect(reasonOf(before, acceptAll, catalog)).toBe('accepted');
    expect(reasonOf(submitted(), acceptAll, catalog)).toMatch(/\$\.input_tokens is missing/);
  });

  it('refuses a type no meter counts only for a tenant that refuses unknown types', () => {
    const other = submitted({ type: 'llm.images', data: {} });
    expect(reasonOf(other, acceptAll)).toBe('accepted');
    expect(reasonOf(other, refuseUnknown)).toBe('no meter counts events of type llm.images');
  });

  it('knows a type by any version of any meter, even one archived or not yet in effect', () => {
    const archived = meterCatalog([
      version(1, epoch, { eventType: 'llm.images' }),
      version(2, new Date('2026-03-01T00:00:00Z'), { eventType: 'llm.images', archived: true }),
    ]);
    const upcoming = meterCatalog([
      version(1, epoch),
      version(2, new Date('2026-04-01T00:00:00Z'), { eventType: 'llm.images' }),
    ]);
    const images = submitted({ type: 'llm.images', data: {} });
    expect(reasonOf(images, refuseUnknown, archived)).toBe('accepted');
    expect(reasonOf(images, refuseUnknown, upcoming)).toBe('accepted');
  });

  it('hashes the payload as sent: a retry without a time hashes alike, other data does not', () => {
    const hashOf = (raw: unknown, at: Date) => {
      const verdict = usageEventVerdict(raw, at, acceptAll, tokens);
      return verdict.kind === 'accepted' ? verdict.hash : verdict.reason;
    };
    const untimed = submitted({ time: undefined });
    expect(hashOf(untimed, receivedAt)).toBe(
      hashOf(untimed, new Date(receivedAt.getTime() + minute)),
    );
    expect(hashOf(untimed, receivedAt)).toBe(
      payloadHash({ type: 'llm.tokens', subject: 'customer-42', data: { tokens: 12 } }),
    );
    expect(hashOf(submitted({ data: { tokens: 13 } }), receivedAt)).not.toBe(
      hashOf(submitted(), receivedAt),
    );
  });

  it('applies the rules in order: shape, time, meters, unknown type', () => {
    const ruleOf = (reason: string) =>
      reason === 'accepted'
        ? 'accepted'
        : /lateness limit|in the future/.test(reason)
          ? 'time'
          : reason.startsWith('meter ')
            ? 'meters'
            : reason.startsWith('no meter counts')
              ? 'unknown type'
              : 'shape';
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: -40 * day, max: 10 * minute }),
        fc.constantFrom<unknown>(12, '12.5', 'many', undefined),
        fc.constantFrom('llm.tokens', 'llm.images'),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom<UsageAcceptance['unknownEventTypes']>('accept', 'reject'),
        (wellFormed, aheadMs, value, type, latenessLimitDays, unknownEventTypes) => {
          const raw = submitted({
            ...(wellFormed ? {} : { id: '' }),
            type,
            time: new Date(receivedAt.getTime() + aheadMs).toISOString(),
            data: value === undefined ? {} : { tokens: value },
          });
          const rule = ruleOf(reasonOf(raw, { latenessLimitDays, unknownEventTypes }));
          const timely = aheadMs <= 5 * minute && -aheadMs <= latenessLimitDays * day;
          const measurable = type !== 'llm.tokens' || (value !== 'many' && value !== undefined);
          const known = type === 'llm.tokens' || unknownEventTypes === 'accept';
          expect(rule).toBe(
            !wellFormed
              ? 'shape'
              : !timely
                ? 'time'
                : !measurable
                  ? 'meters'
                  : !known
                    ? 'unknown type'
                    : 'accepted',
          );
        },
      ),
    );
  });
});
