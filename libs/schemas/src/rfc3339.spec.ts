import { parseRfc3339, rfc3339DateTimeSchema, rfc3339InstantSchema } from './rfc3339';

describe('parseRfc3339', () => {
  it.each([
    ['2026-12-04T10:15:30Z', '2026-12-04T10:15:30Z'],
    ['2026-12-04t10:15:30z', '2026-12-04T10:15:30Z'],
    ['2026-12-04T11:15:30.250+01:00', '2026-12-04T10:15:30.25Z'],
    ['2026-12-04T10:15:30-00:00', '2026-12-04T10:15:30Z'],
    ['2026-12-04T00:15:30+14:00', '2026-12-03T10:15:30Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
  ])('reads %s as the instant %s', (text, instant) => {
    expect(parseRfc3339(text)?.toString()).toBe(instant);
  });

  it.each([
    ['no offset', '2026-12-04T10:15:30'],
    ['a space for the T', '2026-12-04 10:15:30Z'],
    ['an offset without colon', '2026-12-04T10:15:30+0100'],
    ['a day that does not exist', '2026-02-30T10:15:30Z'],
    ['a date alone', '2026-12-04'],
    // PostgreSQL refuses both; no zone is that far from UTC, and the year 0000 does not exist.
    ['an offset beyond ±14:00', '2026-12-04T10:15:30-23:59'],
    ['an offset of 14:01', '2026-12-04T10:15:30+14:01'],
    ['the year 0000', '0000-01-01T00:00:00Z'],
  ])('refuses %s', (_case, text) => {
    expect(parseRfc3339(text)).toBeUndefined();
    expect(rfc3339DateTimeSchema.safeParse(text).success).toBe(false);
  });
});

describe('rfc3339InstantSchema', () => {
  it('reads the instant of any offset as a Date', () => {
    expect(rfc3339InstantSchema.parse('2026-12-04t11:15:30.250+01:00')).toEqual(
      new Date('2026-12-04T10:15:30.250Z'),
    );
  });
});
