import { randomUUID } from 'node:crypto';
import { tenantIdSchema } from '@tenantry/schemas';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { internalToken } from './internal-token';
import { ed25519PrivateKey, keyIdOf, type Ed25519KeyInput } from './key-material';

/** What the gateway vouches for in an internal token. */
export interface InternalTokenRequest {
  tenantId: string;
  /** The acting user, API key or service; becomes `sub`. */
  subject: string;
  roles: readonly string[];
  ttlSeconds: number;
  /** Defaults to now; tests set it to mint tokens that have already expired. */
  issuedAt?: Date;
}

const tokenRequest = z.object({
  tenantId: tenantIdSchema,
  subject: z.string().min(1),
  roles: z.array(z.string().min(1)).readonly(),
  ttlSeconds: z.number().int().positive(),
  issuedAt: z.date().optional(),
});

/**
 * Signs an internal token (EdDSA JWT): `sub`, `tid` (tenant), `roles`, `iss`, `aud`, `iat`, `exp`, `jti`,
 * with the key's `kid` in the header so services can tell rotated keys apart.
 */
export async function mintInternalToken(
  privateKey: Ed25519KeyInput,
  request: InternalTokenRequest,
): Promise<string> {
  const parsed = tokenRequest.safeParse(request);
  if (!parsed.success)
    throw new RangeError(`Cannot mint an internal token: ${z.prettifyError(parsed.error)}`);
  const { tenantId, subject, roles, ttlSeconds, issuedAt = new Date() } = parsed.data;
  const issuedAtSeconds = Math.floor(issuedAt.getTime() / 1000);
  return new SignJWT({ tid: tenantId, roles: [...roles] })
    .setProtectedHeader({
      alg: internalToken.algorithm,
      typ: 'JWT',
      kid: await keyIdOf(privateKey),
    })
    .setSubject(subject)
    .setIssuer(internalToken.issuer)
    .setAudience(internalToken.audience)
    .setIssuedAt(issuedAtSeconds)
    .setExpirationTime(issuedAtSeconds + ttlSeconds)
    .setJti(randomUUID())
    .sign(ed25519PrivateKey(privateKey));
}
