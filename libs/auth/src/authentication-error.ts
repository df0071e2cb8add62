import { DomainError } from '@tenantry/common';

/** Why a request is not authenticated: it carries no bearer token, or one that does not hold. */
export type AuthenticationFailure = 'missing-token' | 'invalid-token';

/** 401: the request carries no valid internal token. The challenge header follows RFC 6750 §3. */
export class AuthenticationError extends DomainError {
  constructor(
    readonly failure: AuthenticationFailure,
    detail: string,
    cause?: unknown,
  ) {
    super({
      status: 401,
      type: failure === 'missing-token' ? 'authentication-required' : 'invalid-token',
      title: failure === 'missing-token' ? 'Authentication required' : 'Invalid token',
      detail,
      // RFC 6750 §3.1: a request without credentials gets a bare challenge, no error code.
      headers: {
        'www-authenticate':
          failure === 'missing-token'
            ? 'Bearer realm="tenantry"'
            : `Bearer realm="tenantry", error="invalid_token", error_description="${detail.replace(/["\\]/g, "'")}"`,
      },
      cause,
    });
  }
}
