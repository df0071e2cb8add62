import {
  Controller,
  Get,
  HttpException,
  type INestApplication,
  Logger,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { newTenantContext, runWithTenantContext } from '@tenantry/tenant-context';
import request from 'supertest';
import { z } from 'zod';
import { DomainError } from '@tenantry/common';
import { ProblemDetailsModule } from './problem-details.module';
import { ValidatedBody } from './validated-body.decorator';

const order = z.object({
  sku: z.string().min(1),
  quantity: z.number().int().positive(),
  note: z.string().default(''),
});

class QuotaExceeded extends DomainError {
  constructor() {
    super({
      status: 429,
      type: 'quota-exceeded',
      title: 'Quota exceeded',
      detail: 'Tenant acme used 1000 of 1000 calls.',
      members: { limit: 1000 },
      headers: { 'retry-after': '60' },
    });
  }
}

@Controller('orders')
class OrdersController {
  @Post()
  place(@ValidatedBody(order) placed: z.output<typeof order>): z.output<typeof order> {
    return placed;
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('No order 42');
  }

  @Get('refused/:status')
  refused(@Param('status', ParseIntPipe) status: number): never {
    throw new HttpException('Refused on purpose', status);
  }

  @Get('quota')
  quota(): never {
    throw new QuotaExceeded();
  }

  @Get('crash')
  crash(): never {
    throw new Error('connection to postgres://app:s3cret@db failed');
  }
}

@Module({ imports: [ProblemDetailsModule], controllers: [OrdersController] })
class OrdersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((_request: unknown, _response: unknown, next: () => void) =>
        runWithTenantContext(newTenantContext({ correlationId: 'corr-42' }), next),
      )
      .forRoutes('*');
  }
}

describe('ProblemDetailsFilter', () => {
  let app: INestApplication;
  let loggedErrors: jest.SpyInstance;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [OrdersModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  beforeEach(() => {
    loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => loggedErrors.mockRestore());

  it('lets a valid body through, parsed by its schema', async () => {
    const response = await request(app.getHttpServer())
      .post('/orders')
      .send({ sku: 'A-1', quantity: 2 });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ sku: 'A-1', quantity: 2, note: '' });
  });

  it('answers an invalid body with 422 and every issue', async () => {
    const response = await request(app.getHttpServer())
      .post('/orders')
      .send({ sku: '', quantity: 1.5 });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'urn:tenantry:problem:validation-failed',
      title: 'Validation failed',
      status: 422,
      instance: '/orders',
      correlationId: 'corr-42',
    });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/sku', message: expect.any(String) },
        { path: '/quantity', message: expect.any(String) },
      ]),
    );
  });

  it('answers malformed JSON with 400 malformed-json', async () => {
    const response = await request(app.getHttpServer())
      .post('/orders')
      .set('content-type', 'application/json')
      .send('{"sku": "A-1",');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'urn:tenantry:problem:malformed-json',
      status: 400,
      instance: '/orders',
    });
  });

  it('answers a body over the size limit with 413', async () => {
    const response = await request(app.getHttpServer())
      .post('/orders')
      .send({ sku: 'A-1', quantity: 1, note: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'urn:tenantry:problem:payload-too-large',
      status: 413,
      limitBytes: 102400, // Express' default: 100 kB
    });
  });

  it('answers a domain error with its status, type, extension members and headers', async () => {
    const response = await request(app.getHttpServer()).get('/orders/quota');
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toEqual({
      type: 'urn:tenantry:problem:quota-exceeded',
      title: 'Quota exceeded',
      status: 429,
      detail: 'Tenant acme used 1000 of 1000 calls.',
      limit: 1000,
      instance: '/orders/quota',
      correlationId: 'corr-42',
    });
  });

  it('answers an HTTP exception with its status and message, and the path without query as instance', async () => {
    const response = await request(app.getHttpServer()).get('/orders/missing?token=abc');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No order 42',
      instance: '/orders/missing',
      correlationId: 'corr-42',
    });
  });

  it.each([
    [400, 'Bad Request'],
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [409, 'Conflict'],
    [415, 'Unsupported Media Type'],
    [429, 'Too Many Requests'],
  ])(
    'answers an HTTP exception with status %i as problem+json titled %p',
    async (status, title) => {
      const response = await request(app.getHttpServer()).get(`/orders/refused/${status}`);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.body).toMatchObject({
        type: 'about:blank',
        title,
        status,
        detail: 'Refused on purpose',
      });
      expect(loggedErrors).not.toHaveBeenCalled();
    },
  );

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await request(app.getHttpServer()).get('/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ type: 'about:blank', status: 404, instance: '/nowhere' });
  });

  it('answers an unexpected error with a generic 500, logs it, and leaks neither message nor stack', async () => {
    const response = await request(app.getHttpServer()).get('/orders/crash');
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      correlationId: 'corr-42',
    });
    expect(response.text).not.toMatch(/s3cret|postgres|at .*\.ts/);
    expect(loggedErrors).toHaveBeenCalledTimes(1);
    expect(loggedErrors.mock.calls[0]?.join(' ')).toContain('corr-42');
  });
});
