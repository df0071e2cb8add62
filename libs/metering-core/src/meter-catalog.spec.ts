import fc from 'fast-check';
import { compileMeter, type MeterDefinition } from './meter';
import {
  catalogKnowsEventType,
  meterCatalog,
  metersCounting,
  meterVersionAt,
  type MeterVersion,
} from './meter-catalog';

const at = (iso: string) => new Date(iso);
const epoch = new Date(0);
const minute = 60_000;

const version = (
  key: string,
  number: number,
  effectiveFrom: Date,
  change: Partial<MeterDefinition> & { archived?: boolean } = {},
): MeterVersion => {
  const { archived = false, ...definition } = change;
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

/** A meter's version history as meter changes make it: numbered 1.., never starting earlier than the one before. */
const history = fc
  .array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 })
  .map((gaps) => {
    let effective = 0;
    return gaps.map((gap, index) => {
      // Version 1 counts from the epoch; later ones after a gap of whole minutes (0 allowed).
      if (index > 0) effective += gap * minute;
      return { version: index + 1, effectiveFrom: new Date(effective) };
    });
  });

describe('the version of a meter at an instant', () => {
  const versions = [
    { version: 1, effectiveFrom: epoch },
    { version: 2, effectiveFrom: at('2026-03-01T00:00:00Z') },
    { version: 3, effectiveFrom: at('2026-04-01T00:00:00Z') },
  ];

  it('is the newest version whose effective time has come', () => {
    expect(meterVersionAt(versions, at('2026-03-15T00:00:00Z'))?.version).toBe(2);
    expect(meterVersionAt(versions, at('2030-01-01T00:00:00Z'))?.version).toBe(3);
  });

  it('changes at the effective instant itself, not a millisecond later', () => {
    expect(meterVersionAt(versions, at('2026-02-28T23:59:59.999Z'))?.version).toBe(1);
    expect(meterVersionAt(versions, at('2026-03-01T00:00:00Z'))?.version).toBe(2);
  });

  it('is none before the first version takes effect', () => {
    expect(meterVersionAt(versions.slice(1), at('2026-02-01T00:00:00Z'))).toBeUndefined();
    expect(meterVersionAt([], at('2026-02-01T00:00:00Z'))).toBeUndefined();
  });

  it('is the newer of two versions that take effect at the same instant', () => {
    const same = [
      { version: 1, effectiveFrom: epoch },
      { version: 2, effectiveFrom: at('2026-03-01T00:00:00Z') },
      { version: 3, effectiveFrom: at('2026-03-01T00:00:00Z') },
    ];
    expect(meterVersionAt(same, at('2026-03-01T00:00:00Z'))?.version).toBe(3);
  });

  it('is in effect, and no newer version is, whatever order the versions come in', () => {
    fc.assert(
      fc.property(
        history.chain((versions) =>
          fc.tuple(
            fc.shuffledSubarray(versions, { minLength: versions.length }),
            fc.integer({ min: -minute, max: 45 * minute }),
          ),
        ),
        ([versions, instant]) => {
          const chosen = meterVersionAt(versions, new Date(instant));
          const inEffect = versions.filter((v) => v.effectiveFrom.getTime() <= instant);
          if (inEffect.length === 0) return chosen === undefined;
          expect(chosen).toBeDefined();
          expect(chosen!.effectiveFrom.getTime()).toBeLessThanOrEqual(instant);
          for (const other of inEffect) expect(other.version).toBeLessThanOrEqual(chosen!.version);
          return true;
        },
      ),
    );
  });

  it('never goes back to an older version as time moves on', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 0, max: 45 * minute }),
        fc.integer({ min: 0, max: 45 * minute }),
        (versions, a, b) => {
          const [earlier, later] = a <= b ? [a, b] : [b, a];
          const before = meterVersionAt(versions, new Date(earlier))!;
          const after = meterVersionAt(versions, new Date(later))!;
          expect(after.version).toBeGreaterThanOrEqual(before.version);
          expect(after.effectiveFrom.getTime()).toBeGreaterThanOrEqual(
            before.effectiveFrom.getTime(),
          );
        },
      ),
    );
  });
});

describe('the meters counting an event', () => {
  const march = at('2026-03-01T00:00:00Z');

  it('are the meters of its type, each in its version at the event time', () => {
    const catalog = meterCatalog([
      version('tokens', 1, epoch),
      version('tokens', 2, march, { groupBy: { model: '$.model' } }),
      version('images', 1, epoch, {
        eventType: 'llm.image',
        aggregation: 'COUNT',
        valueProperty: undefined,
      }),
    ]);
    const counting = (time: Date) =>
      metersCounting(catalog, 'llm.tokens', time).map(({ key, version }) => [key, version]);
    expect(counting(at('2026-02-15T00:00:00Z'))).toEqual([['tokens', 1]]);
    expect(counting(march)).toEqual([['tokens', 2]]);
    expect(metersCounting(catalog, 'llm.image', march).map(({ key }) => key)).toEqual(['images']);
  });

  it('leave out a meter archived by the event time, and keep it before', () => {
    const catalog = meterCatalog([
      version('tokens', 1, epoch),
      version('tokens', 2, march, { archived: true }),
    ]);
    expect(metersCounting(catalog, 'llm.tokens', at('2026-02-28T23:59:00Z'))).toHaveLength(1);
    expect(metersCounting(catalog, 'llm.tokens', march)).toEqual([]);
  });

  it('leave out a meter whose version at the event time counts another type', () => {
    const catalog = meterCatalog([
      version('tokens', 1, epoch),
      version('tokens', 2, march, { eventType: 'llm.tokens.v2' }),
    ]);
    expect(metersCounting(catalog, 'llm.tokens', march)).toEqual([]);
    expect(metersCounting(catalog, 'llm.tokens.v2', march)).toHaveLength(1);
    expect(metersCounting(catalog, 'llm.tokens.v2', at('2026-02-01T00:00:00Z'))).toEqual([]);
  });

  it('are none in an empty catalog', () => {
    expect(metersCounting(meterCatalog([]), 'llm.tokens', march)).toEqual([]);
  });
});

describe('the event types a catalog knows', () => {
  it('are those of any version, superseded or archived ones included', () => {
    const catalog = meterCatalog([
      version('tokens', 1, epoch, { eventType: 'llm.tokens.v1' }),
      version('tokens', 2, at('2026-03-01T00:00:00Z'), { archived: true }),
    ]);
    expect(catalogKnowsEventType(catalog, 'llm.tokens.v1')).toBe(true);
    expect(catalogKnowsEventType(catalog, 'llm.tokens')).toBe(true);
    expect(catalogKnowsEventType(catalog, 'llm.image')).toBe(false);
  });
});
