import { generateKeyPairSync } from 'node:crypto';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@tenantry/config';
import { ProblemDetailsModule } from '@tenantry/problem-details';
import { Public } from '@tenantry/route-access';
import { currentTenantContext } from '@tenantry/tenant-context';
import { SignJWT, UnsecuredJWT } from 'jose';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { authSettings } from './auth-settings';
import { CurrentPrincipal } from './current-principal.decorator';
import { keyIdOf } from './key-material';
import { mintInternalToken } from './mint-internal-token';
import type { Principal } from './principal';
import { Roles } from './roles.decorator';

const gatewayKey = generateKeyPairSync('ed25519');
const strangerKey = generateKeyPairSync('ed25519');

@Controller('usage')
@Roles('metering:read', 'metering:admin')
class UsageController {
  @Get()
  read(@CurrentPrincipal() principal: Principal) {
    const context = currentTenantContext();
    return {
      principal,
      context: { tenantId: context?.tenantId, actor: context?.actor, roles: context?.roles },
    };
  }

  @Get('invoice')
  @Roles('metering:invoice')
  invoice() {
    return { invoiced: true };
  }

  @Get('health')
  @Public()
  health() {
    return { live: true, tenantId: currentTenantContext()?.tenantId ?? null };
  }
}

function mint(
  overrides: { roles?: string[]; ttlSeconds?: number; issuedAt?: Date } = {},
  key = gatewayKey.privateKey,
) {
  return mintInternalToken(key, {
    tenantId: 'acme',
    subject: 'ada@acme.test',
    roles: ['metering:read'],
    ttlSeconds: 60,
    ...overrides,
  });
}

describe('InternalAuthGuard in a service', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const settings = loadConfig(authSettings, {
      NODE_ENV: 'production',
      AUTH_PUBLIC_KEYS: gatewayKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [ProblemDetailsModule, AuthModule.forRoot(settings)],
      controllers: [UsageController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  const get = (path: string, token?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return token === undefined ? call : call.set('authorization', `Bearer ${token}`);
  };

  it('lets a caller with a valid token and one of the roles through, with the principal in the tenant context', async () => {
    const response = await get('/usage', await mint());
    expect(response.status).toBe(200);
    expect(response.body.principal).toMatchObject({
      tenantId: 'acme',
      actor: 'ada@acme.test',
      roles: ['metering:read'],
    });
    expect(response.body.principal.tokenId).toEqual(expect.any(String));
    expect(response.body.context).toEqual({
      tenantId: 'acme',
      actor: 'ada@acme.test',
      roles: ['metering:read'],
    });
  });

  it('needs only one of the listed roles', async () => {
    expect((await get('/usage', await mint({ roles: ['metering:admin'] }))).status).toBe(200);
  });

  it('answers 401 problem+json with a bare Bearer challenge when there is no token', async () => {
    const response = await get('/usage');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="tenantry"');
    expect(response.body).toMatchObject({
      type: 'urn:tenantry:problem:authentication-required',
      status: 401,
      instance: '/usage',
      correlationId: response.headers['x-correlation-id'],
    });
  });

  it('treats another authorization scheme as no token', async () => {
    const response = await request(app.getHttpServer())
      .get('/usage')
      .set('authorization', 'Basic YWRhOnNlY3JldA==');
    expect(response.status).toBe(401);
    expect(response.body.type).toBe('urn:tenantry:problem:authentication-required');
  });

  it.each([
    ['garbage', async () => 'not-a-jwt', 'The token is malformed'],
    [
      'an expired token',
      async () => mint({ ttlSeconds: 60, issuedAt: new Date(Date.now() - 3_600_000) }),
      'The token has expired',
    ],
    [
      'a token signed by another key',
      async () => mint({}, strangerKey.privateKey),
      'The token is not signed by a trusted key',
    ],
    [
      'a token for another audience',
      async () =>
        new SignJWT({ tid: 'acme', roles: ['metering:read'] })
          .setProtectedHeader({ alg: 'EdDSA', kid: await keyIdOf(gatewayKey.publicKey) })
          .setSubject('ada')
          .setIssuer('tenantry-gateway')
          .setAudience('tenantry-public-api')
          .setIssuedAt()
          .setExpirationTime('1m')
          .setJti('j-1')
          .sign(gatewayKey.privateKey),
      "The token's aud claim is not accepted",
    ],
    [
      'an unsigned token (alg none)',
      async () =>
        new UnsecuredJWT({ tid: 'acme', roles: ['metering:read'], jti: 'j-1' })
          .setSubject('ada')
          .setIssuer('tenantry-gateway')
          .setAudience('tenantry-services')
          .setIssuedAt()
          .setExpirationTime('1m')
          .encode(),
      'The token is signed with an algorithm that is not accepted',
    ],
  ])('answers 401 problem+json invalid_token for %s', async (_what, token, detail) => {
    const response = await get('/usage', await token());
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toBe(
      `Bearer realm="tenantry", error="invalid_token", error_description="${detail.replaceAll('"', "'")}"`,
    );
    expect(response.body).toMatchObject({
      type: 'urn:tenantry:problem:invalid-token',
      title: 'Invalid token',
      status: 401,
      detail,
    });
  });

  it('answers 403 problem+json when the caller holds none of the roles the handler needs', async () => {
    const response = await get('/usage/invoice', await mint({ roles: ['metering:read'] }));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="tenantry", error="insufficient_scope"',
    );
    expect(response.body).toMatchObject({
      type: 'urn:tenantry:problem:insufficient-role',
      status: 403,
      requiredRoles: ['metering:invoice'],
      instance: '/usage/invoice',
    });
  });

  it('answers 403 when the caller holds no role at all', async () => {
    expect((await get('/usage', await mint({ roles: [] }))).status).toBe(403);
  });

  it('lets anyone reach a @Public() route, without binding a tenant', async () => {
    const response = await get('/usage/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ live: true, tenantId: null });
  });

  it('keeps an acceptable correlation id from the caller and echoes it', async () => {
    const response = await request(app.getHttpServer())
      .get('/usage/health')
      .set('x-correlation-id', 'req-7f3a.42');
    expect(response.headers['x-correlation-id']).toBe('req-7f3a.42');
  });

  it.each([['x'.repeat(129)], ['line\tbreak'], ['<script>'], ['-leading-dash']])(
    'replaces the unacceptable correlation id %p with a new one',
    async (offered) => {
      const response = await request(app.getHttpServer())
        .get('/usage/health')
        .set('x-correlation-id', offered);
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('gives each request its own correlation id when the caller has none', async () => {
    const [first, second] = await Promise.all([get('/usage/health'), get('/usage/health')]);
    expect(first.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers['x-correlation-id']).not.toBe(second.headers['x-correlation-id']);
  });

  it('keeps concurrent requests in their own tenant contexts', async () => {
    const tenants = ['t-1', 't-2', 't-3', 't-4', 't-5'];
    const responses = await Promise.all(
      tenants.map(async (tenantId) =>
        get(
          '/usage',
          await mintInternalToken(gatewayKey.privateKey, {
            tenantId,
            subject: 'ada',
            roles: ['metering:read'],
            ttlSeconds: 60,
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.body.context.tenantId)).toEqual(tenants);
  });
});
