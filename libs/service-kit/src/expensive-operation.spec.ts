import { generateKeyPairSync } from 'node:crypto';
import { Controller, Get, type INestApplication, Param } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AuthModule, authSettings, mintInternalToken } from '@tenantry/auth';
import { loadConfig } from '@tenantry/config';
import { ProblemDetailsModule } from '@tenantry/problem-details';
import fc from 'fast-check';
import request from 'supertest';
import {
  ExpensiveOperation,
  ExpensiveOperationInterceptor,
  expensiveOperationSlots,
} from './expensive-operation';
import { TenantConcurrency } from './tenant-concurrency';

const gatewayKey = generateKeyPairSync('ed25519');

/** Requests wait here until the test lets them finish, so that they overlap for certain. */
const held = new Map<string, () => void>();
const holdUntilReleased = (name: string) => new Promise<void>((resolve) => held.set(name, resolve));

@Controller('work')
class WorkController {
  @Get('heavy/:name')
  @ExpensiveOperation()
  async heavy(@Param('name') name: string) {
    await holdUntilReleased(name);
    return { done: name };
  }

  @Get('cheap')
  cheap() {
    return { done: 'cheap' };
  }

  @Get('failing')
  @ExpensiveOperation()
  failing() {
    throw new Error('the report could not be built');
  }
}

describe('@ExpensiveOperation()', () => {
  let app: INestApplication;
  let slots: TenantConcurrency;

  beforeAll(async () => {
    slots = new TenantConcurrency(1);
    const settings = loadConfig(authSettings, {
      NODE_ENV: 'production',
      AUTH_PUBLIC_KEYS: gatewayKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [ProblemDetailsModule, AuthModule.forRoot(settings)],
      controllers: [WorkController],
      providers: [
        { provide: expensiveOperationSlots, useValue: slots },
        { provide: APP_INTERCEPTOR, useClass: ExpensiveOperationInterceptor },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  const get = async (path: string, tenantId: string) =>
    request(app.getHttpServer())
      .get(path)
      .set(
        'authorization',
        `Bearer ${await mintInternalToken(gatewayKey.privateKey, {
          tenantId,
          subject: `ada@${tenantId}.test`,
          roles: [],
          ttlSeconds: 60,
        })}`,
      );

  const whenHeld = async (name: string) => {
    while (!held.has(name)) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("answers 429 with Retry-After to a tenant's extra concurrent call, not to another tenant", async () => {
    const first = get('/work/heavy/acme-1', 'acme').then((response) => response);
    await whenHeld('acme-1');

    const extra = await get('/work/heavy/acme-2', 'acme');
    expect(extra.status).toBe(429);
    expect(extra.headers['content-type']).toContain('application/problem+json');
    expect(extra.headers['retry-after']).toBe('1');
    expect(extra.body).toMatchObject({
      type: 'urn:tenantry:problem:too-many-concurrent-requests',
      status: 429,
      limit: 1,
    });
    expect((await get('/work/cheap', 'acme')).status).toBe(200);

    const other = get('/work/heavy/globex-1', 'globex').then((response) => response);
    await whenHeld('globex-1');
    held.get('globex-1')!();
    expect((await other).status).toBe(200);

    held.get('acme-1')!();
    expect((await first).status).toBe(200);
    const later = get('/work/heavy/acme-3', 'acme').then((response) => response);
    await whenHeld('acme-3');
    held.get('acme-3')!();
    expect((await later).status).toBe(200);
  });

  it('gives the slot back when the handler fails', async () => {
    expect((await get('/work/failing', 'initech')).status).toBe(500);
    expect(slots.inFlightOf('initech')).toBe(0);
  });
});

describe('TenantConcurrency', () => {
  it('never admits more than the limit per tenant, and every release frees exactly one slot', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.record({
            tenant: fc.constantFrom('a', 'b', 'c'),
            release: fc.boolean(),
            twice: fc.boolean(),
          }),
          { maxLength: 60 },
        ),
        (limit, steps) => {
          const concurrency = new TenantConcurrency(limit);
          const holding = new Map<string, Array<() => void>>();
          for (const { tenant, release, twice } of steps) {
            const mine = holding.get(tenant) ?? [];
            holding.set(tenant, mine);
            if (release && mine.length > 0) {
              const give = mine.shift()!;
              give();
              if (twice) give();
            } else {
              const granted = concurrency.acquire(tenant);
              expect(granted === undefined).toBe(mine.length >= limit);
              if (granted) mine.push(granted);
            }
            for (const [name, slots] of holding) {
              expect(concurrency.inFlightOf(name)).toBe(slots.length);
            }
          }
        },
      ),
    );
  });
});
