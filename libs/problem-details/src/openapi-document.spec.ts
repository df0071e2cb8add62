import { Controller, Get, type INestApplication, Param, Post } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { ApiBearerAuth, ApiBody, ApiResponse } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { openApiDocument } from './openapi-document';
import { openApiSchema } from './openapi-schema';

const widget = z.strictObject({ name: z.string().min(1) });

@ApiBearerAuth()
@Controller('v1/widgets')
class WidgetsController {
  @Post()
  @ApiBody({ schema: openApiSchema(widget) })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 409, description: 'The widget exists' })
  create(): void {}

  @Get(':name')
  get(@Param('name') name: string): string {
    return name;
  }
}

const problem = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

describe('openApiDocument', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [WidgetsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app?.close());

  const document = () =>
    openApiDocument(app.get(ModulesContainer), app.get(HttpAdapterHost), {
      title: 'Widgets',
      description: 'Widgets per tenant',
    });

  it('describes the service, its bearer authentication and its routes', () => {
    expect(document()).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'Widgets', description: 'Widgets per tenant', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    });
    expect(Object.keys(document().paths).sort()).toEqual(['/v1/widgets', '/v1/widgets/{name}']);
  });

  it('gives every operation its problem+json answers, declared ones included', () => {
    const { paths, components } = document();
    expect(components?.schemas?.['Problem']).toMatchObject({ type: 'object' });
    const create = paths['/v1/widgets']!.post!;
    expect(Object.keys(create.responses).sort()).toEqual(
      ['201', '400', '401', '403', '409', '413', '422'].sort(),
    );
    expect(create.responses['409']).toEqual({ description: 'The widget exists', content: problem });
    const get = paths['/v1/widgets/{name}']!.get!;
    expect(get.responses['404']).toMatchObject({ content: problem });
  });
});
