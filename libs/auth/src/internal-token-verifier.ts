import { tenantIdSchema } from '@tenantry/schemas';
import { createLocalJWKSet, errors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { z } from 'zod';
import { AuthenticationError } from './authentication-error';
import { internalToken } from './internal-token';
import { ed25519PublicKey, keyIdOf, type Ed25519KeyInput } from './key-material';
import type { Principal } from './principal';

/** Tuning of the verifier. */
export interface InternalTokenVerifierOptions {
  /** Clock skew accepted between gateway and service; 5 s by default. */
  clockToleranceSeconds?: number;
}

const claims = z.object({
  sub: z.string().min(1),
  tid: tenantIdSchema,
  roles: z.array(z.string().min(1)),
  jti: z.string().min(1),
  exp: z.number(),
});

/**
 * Checks internal tokens against the gateway's public keys. Several keys may be trusted at once
 * (rotation): the token's `kid` picks one.
 */
export class InternalTokenVerifier {
  private readonly keySet: Promise<ReturnType<typeof createLocalJWKSet>>;
  private readonly clockToleranceSeconds: number;

  constructor(publicKeys: readonly Ed25519KeyInput[], options: InternalTokenVerifierOptions = {}) {
    if (publicKeys.length === 0)
      throw new RangeError('An internal token verifier needs at least one public key');
    // Converted now so a bad key fails at start-up, not on the first request.
    const keys = publicKeys.map((input) => ({
      input,
      jwk: ed25519PublicKey(input).export({ format: 'jwk' }) as JWK,
    }));
    this.keySet = Promise.all(
      keys.map(async ({ input, jwk }) => ({
        ...jwk,
        kid: await keyIdOf(input),
        alg: internalToken.algorithm,
        use: 'sig',
      })),
    ).then((verificationKeys) => createLocalJWKSet({ keys: verificationKeys }));
    this.clockToleranceSeconds = options.clockToleranceSeconds ?? 5;
  }

  /** The principal a valid token stands for; throws `AuthenticationError` for any other token. */
  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet, {
        issuer: internalToken.issuer,
        audience: internalToken.audience,
        algorithms: [internalToken.algorithm],
        clockTolerance: this.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      }));
    } catch (error) {
      throw new AuthenticationError('invalid-token', reasonFor(error), error);
    }
    const parsed = claims.safeParse(payload);
    if (!parsed.success) {
      const badTenant = parsed.error.issues.some(
        (issue) => issue.path[0] === 'tid' && payload.tid !== undefined,
      );
      throw new AuthenticationError(
        'invalid-token',
        badTenant
          ? 'The token names a tenant id that is not one (1 to 63 of a-z, 0-9 and -)'
          : 'The token lacks a tenant, roles or an identity',
        parsed.error,
      );
    }
    const { sub, tid, roles, jti, exp } = parsed.data;
    return { tenantId: tid, actor: sub, roles, tokenId: jti, expiresAt: new Date(exp * 1000) };
  }
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token's ${error.claim} claim is not accepted`;
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return 'The token is not signed by a trusted key';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'The token is signed with an algorithm that is not accepted';
  }
  return 'The token is malformed';
}
