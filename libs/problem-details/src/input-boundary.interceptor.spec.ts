import {
  Body,
  Controller,
  Get,
  type INestApplication,
  Module,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { inputLimits } from '@tenantry/schemas';
import request from 'supertest';
import { ItemizedBody } from './input-boundary.interceptor';
import { ProblemDetailsModule } from './problem-details.module';

const handled = jest.fn();

@Controller()
class ItemsController {
  @Get('items/:key')
  item(@Param('key') key: string, @Query() query: unknown): unknown {
    handled();
    return { key, query };
  }

  @Post('items')
  create(@Body() body: unknown): unknown {
    handled();
    return body;
  }

  @Post('batches')
  @ItemizedBody()
  batch(@Body() body: unknown[]): unknown {
    handled();
    return { items: body.length };
  }
}

@Module({ imports: [ProblemDetailsModule], controllers: [ItemsController] })
class ItemsModule {}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe('the input boundary of every route', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ItemsModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());
  beforeEach(() => handled.mockClear());

  it('lets storable input through', async () => {
    const response = await request(app.getHttpServer()).get('/items/a%20b?note=%C3%A9');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ key: 'a b', query: { note: 'é' } });
  });

  it('refuses a NUL in a path parameter with 400 naming it, before the handler runs', async () => {
    const response = await request(app.getHttpServer()).get('/items/a%00b');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      type: 'urn:tenantry:problem:invalid-path-parameters',
      errors: [{ parameter: 'key', message: 'must not contain the NUL character (U+0000)' }],
    });
    expect(handled).not.toHaveBeenCalled();
  });

  it('refuses a NUL in a query parameter or its name with 400 invalid-query-parameters', async () => {
    for (const query of ['from=2026%00', 'a%00=1']) {
      const response = await request(app.getHttpServer()).get(`/items/a?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('urn:tenantry:problem:invalid-query-parameters');
    }
    expect(handled).not.toHaveBeenCalled();
  });

  it('refuses a body with unstorable text or too deep with 422 at each place', async () => {
    const response = await request(app.getHttpServer())
      .post('/items')
      .set('content-type', 'application/json')
      .send('{"name":"a\\u0000","tags":["\\ud800"],"data":' + JSON.stringify(nested(10_000)) + '}');
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('urn:tenantry:problem:validation-failed');
    expect(response.body.errors).toEqual([
      { path: '/name', message: 'must not contain the NUL character (U+0000)' },
      { path: '/tags/0', message: 'must be well-formed Unicode (it holds a lone surrogate)' },
      {
        path: `/data${'/0'.repeat(inputLimits.maxDepth - 1)}`,
        message: `must not nest arrays or objects more than ${inputLimits.maxDepth} deep`,
      },
    ]);
    expect(handled).not.toHaveBeenCalled();
  });

  it('leaves an itemized body to its handler, which answers per item', async () => {
    const response = await request(app.getHttpServer())
      .post('/batches')
      .send([{ id: 'fine' }, { id: 'a\u0000' }]);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ items: 2 });
  });
});
