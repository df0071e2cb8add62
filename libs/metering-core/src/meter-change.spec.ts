import fc from 'fast-check';
import { classifyEventTime } from './event-time';
import type { MeterDefinition } from './meter';
import {
  assertMeterChange,
  earliestMeterChange,
  MeterChangeRefusedError,
  meterChangeEffectiveFrom,
} from './meter-change';

const at = (iso: string) => new Date(iso);
const epoch = new Date(0);
const tokens: MeterDefinition = {
  key: 'tokens',
  eventType: 'llm.tokens',
  aggregation: 'SUM',
  valueProperty: '$.tokens',
  groupBy: {},
};

describe('meter changes', () => {
  it('take effect at the first whole minute after five minutes from now', () => {
    expect(earliestMeterChange(at('2026-11-25T10:00:30.500Z'))).toEqual(at('2026-11-25T10:06:00Z'));
  });

  it('start after the latest time an event received now may carry, even on a whole minute', () => {
    // An event received at 10:00:00.000 may be timed 10:05:00.000 (exactly five minutes ahead).
    expect(earliestMeterChange(at('2026-11-25T10:00:00Z'))).toEqual(at('2026-11-25T10:06:00Z'));
  });

  it('never let an already acceptable event fall under the new version', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 10 * 60_000 }),
        (received, ahead) => {
          const receivedAt = new Date(received);
          const time = new Date(received + ahead);
          const effective = earliestMeterChange(receivedAt);
          const accepted = classifyEventTime(time, receivedAt).kind !== 'rejected';
          expect(effective.getTime() % 60_000).toBe(0);
          if (accepted) expect(time.getTime()).toBeLessThan(effective.getTime());
        },
      ),
    );
  });

  it('default to the earliest allowed time', () => {
    expect(
      meterChangeEffectiveFrom({ now: at('2026-11-25T10:00:30Z'), latestEffectiveFrom: epoch }),
    ).toEqual(at('2026-11-25T10:06:00Z'));
  });

  it('never start before a version already scheduled', () => {
    const scheduled = at('2027-01-01T00:00:00Z');
    expect(
      meterChangeEffectiveFrom({ now: at('2026-11-25T10:00:30Z'), latestEffectiveFrom: scheduled }),
    ).toEqual(scheduled);
    expect(() =>
      meterChangeEffectiveFrom({
        requested: at('2026-12-01T00:00:00Z'),
        now: at('2026-11-25T10:00:30Z'),
        latestEffectiveFrom: scheduled,
      }),
    ).toThrow(MeterChangeRefusedError);
  });

  it('accept a requested whole minute in the future', () => {
    const requested = at('2026-12-01T00:00:00Z');
    expect(
      meterChangeEffectiveFrom({
        requested,
        now: at('2026-11-25T10:00:30Z'),
        latestEffectiveFrom: epoch,
      }),
    ).toEqual(requested);
  });

  it.each([
    ['a time too close to now', '2026-11-25T10:05:00Z'],
    ['a time in the past', '2026-11-01T00:00:00Z'],
    ['a time within a minute', '2026-12-01T00:00:30Z'],
  ])('refuse %s', (_, requested) => {
    expect(() =>
      meterChangeEffectiveFrom({
        requested: at(requested),
        now: at('2026-11-25T10:00:30Z'),
        latestEffectiveFrom: epoch,
      }),
    ).toThrow(
      expect.objectContaining({
        status: 422,
        type: expect.stringContaining('meter-change-refused'),
      }),
    );
  });

  it('keep the aggregation of a meter', () => {
    expect(() => assertMeterChange(tokens, { ...tokens, valueProperty: '$.total' })).not.toThrow();
    expect(() => assertMeterChange(tokens, { ...tokens, aggregation: 'MAX' })).toThrow(
      MeterChangeRefusedError,
    );
  });

  it('keep the key of a meter', () => {
    expect(() => assertMeterChange(tokens, { ...tokens, key: 'other' })).toThrow(
      MeterChangeRefusedError,
    );
  });
});
