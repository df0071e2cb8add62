import { DomainError } from './domain-error';

class QuotaExceeded extends DomainError {
  constructor() {
    super({
      status: 429,
      type: 'quota-exceeded',
      title: 'Quota exceeded',
      detail: 'Tenant acme used 1000 of 1000 calls this month.',
      members: { limit: 1000, status: 200, type: 'spoofed' },
      headers: { 'retry-after': '60' },
    });
  }
}

describe('DomainError', () => {
  it('describes itself as an RFC 9457 problem with a Tenantry type URI', () => {
    expect(new QuotaExceeded().toProblemDetails()).toEqual({
      type: 'urn:tenantry:problem:quota-exceeded',
      title: 'Quota exceeded',
      status: 429,
      detail: 'Tenant acme used 1000 of 1000 calls this month.',
      limit: 1000,
    });
  });

  it('keeps the subclass name and the detail as message, for logs', () => {
    const error = new QuotaExceeded();
    expect(error.name).toBe('QuotaExceeded');
    expect(error.message).toBe('Tenant acme used 1000 of 1000 calls this month.');
    expect(error.headers).toEqual({ 'retry-after': '60' });
  });

  it('omits the detail when there is none', () => {
    const problem = new DomainError({
      status: 409,
      type: 'already-exists',
      title: 'Already exists',
    }).toProblemDetails();
    expect(problem).not.toHaveProperty('detail');
  });

  it.each([200, 302, 600, 404.5])('refuses the non-error status %p', (status) => {
    expect(() => new DomainError({ status, type: 'x', title: 'X' })).toThrow(RangeError);
  });

  it.each(['Quota', 'quota_exceeded', 'urn:tenantry:problem:x', '', '-x'])(
    'refuses the type %p, which is not a kebab-case slug',
    (type) => {
      expect(() => new DomainError({ status: 400, type, title: 'X' })).toThrow(RangeError);
    },
  );
});
