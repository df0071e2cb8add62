import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { tenantIdPattern } from '@tenantry/schemas';
import fc from 'fast-check';
import { base64url, decodeProtectedHeader, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { AuthenticationError } from './authentication-error';
import { InternalTokenVerifier } from './internal-token-verifier';
import { keyIdOf } from './key-material';
import { mintInternalToken } from './mint-internal-token';

const gatewayKey = generateKeyPairSync('ed25519');
const strangerKey = generateKeyPairSync('ed25519');
const verifier = new InternalTokenVerifier([gatewayKey.publicKey]);
const request = {
  tenantId: 'acme',
  subject: 'ada@acme.test',
  roles: ['metering:read'],
  ttlSeconds: 300,
};

function secondsAgo(seconds: number): Date {
  return new Date(Date.now() - seconds * 1000);
}

/** A token with the right key but claims or header of the test's choosing. */
function signed(
  claims: JWTPayload,
  header: { alg: string } = { alg: 'EdDSA' },
  key: KeyObject = gatewayKey.privateKey,
) {
  return new SignJWT({
    sub: 'ada',
    tid: 'acme',
    roles: [],
    iss: 'tenantry-gateway',
    aud: 'tenantry-services',
    jti: 'j-1',
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 60,
    ...claims,
  })
    .setProtectedHeader(header)
    .sign(key);
}

async function refusal(
  token: string,
  by: InternalTokenVerifier = verifier,
): Promise<AuthenticationError> {
  const outcome = await by.verify(token).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(AuthenticationError);
  return outcome as AuthenticationError;
}

describe('mintInternalToken and InternalTokenVerifier', () => {
  it('turns a token it minted back into the principal the gateway vouched for', async () => {
    const token = await mintInternalToken(gatewayKey.privateKey, request);
    const principal = await verifier.verify(token);
    expect(principal).toEqual({
      tenantId: 'acme',
      actor: 'ada@acme.test',
      roles: ['metering:read'],
      tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresAt: expect.any(Date),
    });
    expect(Math.abs(principal.expiresAt.getTime() - (Date.now() + 300_000))).toBeLessThan(2_000);
  });

  it('round-trips any tenant, subject and roles', async () => {
    const nonEmpty = fc.string({ minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(tenantIdPattern),
        nonEmpty,
        fc.array(nonEmpty, { maxLength: 5 }),
        async (tenantId, subject, roles) => {
          const principal = await verifier.verify(
            await mintInternalToken(gatewayKey.privateKey, {
              tenantId,
              subject,
              roles,
              ttlSeconds: 60,
            }),
          );
          expect(principal).toMatchObject({ tenantId, actor: subject, roles });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives every token its own id', async () => {
    const [first, second] = await Promise.all(
      [1, 2].map(async () =>
        verifier.verify(await mintInternalToken(gatewayKey.privateKey, request)),
      ),
    );
    expect(first!.tokenId).not.toBe(second!.tokenId);
  });

  it('names the signing key in the header by its RFC 7638 thumbprint', async () => {
    const token = await mintInternalToken(gatewayKey.privateKey, request);
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'EdDSA',
      typ: 'JWT',
      kid: await keyIdOf(gatewayKey.publicKey),
    });
  });

  it('refuses an expired token', async () => {
    const token = await mintInternalToken(gatewayKey.privateKey, {
      ...request,
      ttlSeconds: 60,
      issuedAt: secondsAgo(120),
    });
    expect((await refusal(token)).detail).toBe('The token has expired');
  });

  it('tolerates a few seconds of clock skew, and no more', async () => {
    const justExpired = await mintInternalToken(gatewayKey.privateKey, {
      ...request,
      ttlSeconds: 60,
      issuedAt: secondsAgo(62),
    });
    await expect(verifier.verify(justExpired)).resolves.toMatchObject({ tenantId: 'acme' });
    const longExpired = await mintInternalToken(gatewayKey.privateKey, {
      ...request,
      ttlSeconds: 60,
      issuedAt: secondsAgo(70),
    });
    await refusal(longExpired);
  });

  it('refuses a token signed by a key it does not trust', async () => {
    const token = await mintInternalToken(strangerKey.privateKey, request);
    expect((await refusal(token)).detail).toBe('The token is not signed by a trusted key');
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await mintInternalToken(gatewayKey.privateKey, request)).split(
      '.',
    );
    const forged = base64url.encode(
      JSON.stringify({
        sub: 'ada',
        tid: 'acme',
        roles: ['admin'],
        iss: 'tenantry-gateway',
        aud: 'tenantry-services',
        jti: 'x',
        iat: 1,
        exp: 9_999_999_999,
      }),
    );
    expect((await refusal(`${header}.${forged}.${signature}`)).detail).toBe(
      'The token is not signed by a trusted key',
    );
  });

  it('trusts every configured key during a rotation', async () => {
    const rotating = new InternalTokenVerifier([gatewayKey.publicKey, strangerKey.publicKey]);
    await expect(
      rotating.verify(await mintInternalToken(gatewayKey.privateKey, request)),
    ).resolves.toBeDefined();
    await expect(
      rotating.verify(await mintInternalToken(strangerKey.privateKey, request)),
    ).resolves.toBeDefined();
  });

  it('accepts keys as PEM and as JWK with their own kid', async () => {
    const privateJwk = { ...gatewayKey.privateKey.export({ format: 'jwk' }), kid: 'gateway-2025' };
    const publicJwk = { ...gatewayKey.publicKey.export({ format: 'jwk' }), kid: 'gateway-2025' };
    const token = await mintInternalToken(privateJwk, request);
    expect(decodeProtectedHeader(token).kid).toBe('gateway-2025');
    await expect(new InternalTokenVerifier([publicJwk]).verify(token)).resolves.toBeDefined();
    const pem = gatewayKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(
      new InternalTokenVerifier([pem]).verify(
        await mintInternalToken(gatewayKey.privateKey, request),
      ),
    ).resolves.toBeDefined();
  });

  it.each([
    ['audience', { aud: 'some-other-audience' }, "The token's aud claim is not accepted"],
    ['issuer', { iss: 'someone-else' }, "The token's iss claim is not accepted"],
  ])('refuses a token for the wrong %s', async (_name, claims, detail) => {
    const header = { alg: 'EdDSA', kid: await keyIdOf(gatewayKey.publicKey) };
    expect((await refusal(await signed(claims, header))).detail).toBe(detail);
  });

  it('refuses a token without a tenant', async () => {
    const header = { alg: 'EdDSA', kid: await keyIdOf(gatewayKey.publicKey) };
    expect((await refusal(await signed({ tid: undefined }, header))).detail).toBe(
      'The token lacks a tenant, roles or an identity',
    );
  });

  it.each([
    ['capitals', 'Acme'],
    ['64 characters', 'a'.repeat(64)],
    ['a leading hyphen', '-acme'],
    ['an underscore', 'ac_me'],
    ['an empty id', ''],
  ])('refuses a token whose tenant id has %s', async (_case, tid) => {
    const header = { alg: 'EdDSA', kid: await keyIdOf(gatewayKey.publicKey) };
    expect((await refusal(await signed({ tid }, header))).detail).toBe(
      'The token names a tenant id that is not one (1 to 63 of a-z, 0-9 and -)',
    );
  });

  it('mints no token for a tenant id that is not one', async () => {
    await expect(
      mintInternalToken(gatewayKey.privateKey, { ...request, tenantId: 'Acme' }),
    ).rejects.toThrow(RangeError);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = new UnsecuredJWT({ tid: 'acme', roles: ['admin'], jti: 'x' })
      .setSubject('ada')
      .setIssuer('tenantry-gateway')
      .setAudience('tenantry-services')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    await refusal(token);
  });

  it('refuses an HMAC token keyed with the public key (algorithm confusion)', async () => {
    const publicKeyBytes = new TextEncoder().encode(
      gatewayKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    const token = await new SignJWT({ sub: 'ada', tid: 'acme', roles: [], jti: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('tenantry-gateway')
      .setAudience('tenantry-services')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(publicKeyBytes);
    expect((await refusal(token)).detail).toBe(
      'The token is signed with an algorithm that is not accepted',
    );
  });

  it.each(['', 'garbage', 'a.b.c', 'eyJhbGciOiJFZERTQSJ9..'])(
    'refuses the malformed token %p',
    async (token) => {
      const error = await refusal(token);
      expect(error.status).toBe(401);
      expect(error.headers['www-authenticate']).toMatch(
        /^Bearer realm="tenantry", error="invalid_token"/,
      );
    },
  );

  it('refuses to mint from a public key or with nonsense claims', async () => {
    await expect(mintInternalToken(gatewayKey.publicKey, request)).rejects.toThrow('private key');
    await expect(
      mintInternalToken(gatewayKey.privateKey, { ...request, tenantId: '' }),
    ).rejects.toThrow(RangeError);
    await expect(
      mintInternalToken(gatewayKey.privateKey, { ...request, ttlSeconds: 0 }),
    ).rejects.toThrow(RangeError);
  });

  it('refuses to trust no key or a key that is not Ed25519', () => {
    expect(() => new InternalTokenVerifier([])).toThrow(RangeError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => new InternalTokenVerifier([rsa.publicKey])).toThrow('Ed25519');
  });
});
