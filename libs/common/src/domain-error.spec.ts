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
  it('keeps the subclass name and the detail as message, for logs', () => {
    const error = new QuotaExceeded();
    expect(error.name).toBe('QuotaExceeded');
    expect(error.message).toBe('Tenant acme used 1000 of 1000 calls this month.');
    expect(error.headers).toEqual({ 'retry-after': '60' });
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
