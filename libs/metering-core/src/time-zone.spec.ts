import { assertTimeZone, InvalidTimeZoneError, timeZoneSchema } from './time-zone';

describe('time zones', () => {
  it.each([
    'Europe/Berlin',
    'UTC',
    'Asia/Kathmandu',
    'America/Argentina/Buenos_Aires',
    'Asia/Calcutta',
  ])('accepts the IANA name %s', (timeZone) => {
    expect(() => assertTimeZone(timeZone)).not.toThrow();
    expect(timeZoneSchema.safeParse(timeZone).success).toBe(true);
  });

  it.each(['Europe/Atlantis', '+05:30', '-03:00', '', 'CET+1', 'local'])(
    'refuses "%s"',
    (timeZone) => {
      expect(() => assertTimeZone(timeZone)).toThrow(InvalidTimeZoneError);
      expect(timeZoneSchema.safeParse(timeZone).success).toBe(false);
    },
  );

  it('answers a bad time zone as a 400 problem naming it', () => {
    expect(new InvalidTimeZoneError('Mars/Base')).toMatchObject({
      status: 400,
      type: 'invalid-time-zone',
      members: { timeZone: 'Mars/Base' },
    });
  });
});
