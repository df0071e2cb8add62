import { classifyEventTime, minuteBucketStart } from './event-time';

const receivedAt = new Date('2026-03-01T12:00:30.000Z');
const at = (offsetMs: number) => new Date(receivedAt.getTime() + offsetMs);
const minute = 60_000;
const day = 86_400_000;

describe('classifyEventTime', () => {
  it('accepts an event up to exactly 5 minutes in the future', () => {
    expect(classifyEventTime(at(5 * minute), receivedAt)).toEqual({ kind: 'on-time' });
  });

  it('rejects an event more than 5 minutes in the future', () => {
    expect(classifyEventTime(at(5 * minute + 1), receivedAt)).toEqual({
      kind: 'rejected',
      code: 'time-in-future',
      reason: 'time is more than 5 minutes in the future',
    });
  });

  it('accepts an event exactly 35 days old, as late', () => {
    expect(classifyEventTime(at(-35 * day), receivedAt)).toMatchObject({ kind: 'late' });
  });

  it('rejects an event older than the lateness limit', () => {
    expect(classifyEventTime(at(-35 * day - 1), receivedAt)).toEqual({
      kind: 'rejected',
      code: 'time-beyond-lateness-limit',
      reason: 'time is older than the lateness limit of 35 days',
    });
  });

  it("follows the tenant's own limits", () => {
    const policy = { latenessLimitDays: 1, maxFutureMs: 1000 };
    expect(classifyEventTime(at(-2 * day), receivedAt, policy)).toMatchObject({ kind: 'rejected' });
    expect(classifyEventTime(at(1001), receivedAt, policy)).toMatchObject({
      reason: 'time is more than 1000 ms in the future',
    });
    expect(classifyEventTime(at(-2 * day), receivedAt, { latenessLimitDays: 90 })).toMatchObject({
      kind: 'late',
    });
  });

  it('counts an event of the current or previous minute as on time', () => {
    expect(classifyEventTime(at(0), receivedAt)).toEqual({ kind: 'on-time' });
    expect(classifyEventTime(new Date('2026-03-01T11:59:00.000Z'), receivedAt)).toEqual({
      kind: 'on-time',
    });
  });

  it('counts an event as late once its minute ended more than a minute before it arrived', () => {
    // Bucket 11:58 ended at 11:59:00; received 12:00:30, 90 s later.
    expect(classifyEventTime(new Date('2026-03-01T11:58:59.999Z'), receivedAt)).toEqual({
      kind: 'late',
      byMs: 90_000,
    });
  });

  it('uses the grace the caller gives', () => {
    expect(
      classifyEventTime(new Date('2026-03-01T11:59:59.999Z'), receivedAt, { lateGraceMs: 0 }),
    ).toEqual({
      kind: 'late',
      byMs: 30_000,
    });
  });
});

describe('minuteBucketStart', () => {
  it.each([
    ['2026-03-01T12:34:56.789Z', '2026-03-01T12:34:00.000Z'],
    ['2026-03-01T12:34:00.000Z', '2026-03-01T12:34:00.000Z'],
    ['1969-12-31T23:59:59.999Z', '1969-12-31T23:59:00.000Z'],
  ])('puts %s in the minute of %s', (time, start) => {
    expect(minuteBucketStart(new Date(time)).toISOString()).toBe(start);
  });
});
