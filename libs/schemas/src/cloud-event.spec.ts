import { createCloudEvent } from './cloud-event';
import { EnvelopeError } from './envelope-error';

const clock = () => new Date('2025-03-01T10:15:30.250Z');
const usage = {
  source: '/tenantry/gateway',
  type: 'api.request',
  tenantid: 'acme',
  data: { requests: 1 },
};

function envelopeReason(create: () => unknown): string {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvelopeError);
    return (error as EnvelopeError).reason;
  }
  throw new Error('expected an EnvelopeError');
}

describe('createCloudEvent', () => {
  it('fills in specversion, content type, a UUID and the time from the clock', () => {
    const event = createCloudEvent(usage, clock);
    expect(event).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      source: '/tenantry/gateway',
      type: 'api.request',
      time: '2025-03-01T10:15:30.250Z',
      tenantid: 'acme',
      datacontenttype: 'application/json',
      data: { requests: 1 },
    });
  });

  it('gives each event its own id', () => {
    expect(createCloudEvent(usage).id).not.toBe(createCloudEvent(usage).id);
  });

  it('keeps the id and time a producer gives', () => {
    const event = createCloudEvent(
      { ...usage, id: 'req-42', time: '2025-03-01T11:15:30+01:00' },
      clock,
    );
    expect(event.id).toBe('req-42');
    expect(event.time).toBe('2025-03-01T11:15:30+01:00');
  });

  it('leaves out the optional attributes nobody set', () => {
    const event = createCloudEvent({ ...usage, subject: undefined, actor: 'user:ada' }, clock);
    expect(Object.keys(event)).not.toContain('subject');
    expect(event.actor).toBe('user:ada');
  });

  it('refuses a tenant id outside the rule, naming the attribute', () => {
    expect(envelopeReason(() => createCloudEvent({ ...usage, tenantid: 'Acme Corp' }))).toMatch(
      /^tenantid must be 1 to 63 lowercase letters/,
    );
  });

  it('refuses a time without an offset', () => {
    expect(
      envelopeReason(() => createCloudEvent({ ...usage, time: '2025-03-01T10:15:30' })),
    ).toMatch(/^time must be an RFC 3339 date-time with an offset/);
  });

  it('refuses an empty type and a control character in the source, listing both', () => {
    const reason = envelopeReason(() =>
      createCloudEvent({ ...usage, type: '', source: 'a\u0000b' }),
    );
    expect(reason).toContain('type must not be empty');
    expect(reason).toContain('source must not contain control characters');
  });
});
