import {
  Controller,
  createParamDecorator,
  type ExecutionContext,
  Get,
  type INestApplication,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { ApiBearerAuth, ApiBody, ApiResponse } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { DocumentedOperation } from './documented-operation';
import { openApiDocument } from './openapi-document';
import { pageQuerySchema, pageSchema, type Page } from './page';
import { openApiSchema } from './openapi-schema';

const widget = z.strictObject({ name: z.string().min(1) });

/** The body as the parsers left it, out of @nestjs/swagger's sight (see `textBodies`). */
const RawBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): unknown =>
    context.switchToHttp().getRequest<{ body?: unknown }>().body,
);

@ApiBearerAuth()
@Controller('v1/widgets')
class WidgetsController {
  @Post()
  @ApiBody({ schema: openApiSchema(widget) })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 409, description: 'The widget exists' })
  create(): void {}

  @Get()
  @DocumentedOperation({
    summary: 'List widgets',
    query: pageQuerySchema(20, 100),
    answer: { schema: pageSchema(widget), description: 'One page of widgets' },
  })
  list(@Query() _query: unknown): Page<z.output<typeof widget>> {
    return { data: [], nextCursor: null };
  }

  @Post(':name/copies')
  @DocumentedOperation({
    summary: 'Copy a widget',
    body: widget,
    answer: { status: 201, schema: widget },
    problems: { 409: 'A widget of that name exists' },
  })
  copy(): void {}

  @Post('imports')
  @DocumentedOperation({
    summary: 'Import widgets',
    body: z.array(widget),
    textBodies: { 'text/csv': 'a header row, then a widget per line' },
    answer: { status: 201, schema: z.strictObject({ imported: z.int() }) },
  })
  import(@RawBody() _body: unknown): void {}

  @Get(':name/page')
  @DocumentedOperation({
    summary: 'Show a widget as a page',
    answer: { schema: z.string(), mediaType: 'text/html', description: 'An HTML page' },
  })
  page(): void {}

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
    expect(Object.keys(document().paths).sort()).toEqual([
      '/v1/widgets',
      '/v1/widgets/imports',
      '/v1/widgets/{name}',
      '/v1/widgets/{name}/copies',
      '/v1/widgets/{name}/page',
    ]);
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

  it('documents an operation from its zod schemas: summary, query, body, answer and problems', () => {
    const { paths } = document();
    const list = paths['/v1/widgets']!.get!;
    expect(list.summary).toBe('List widgets');
    expect(list.parameters).toEqual([
      expect.objectContaining({
        name: 'limit',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 100, default: 20 }),
      }),
      expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
    ]);
    expect(list.responses['200']).toMatchObject({
      description: 'One page of widgets',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['data', 'nextCursor'],
            properties: { nextCursor: { type: 'string', nullable: true } },
          },
        },
      },
    });
    expect(Object.keys(list.responses).sort()).toEqual(['200', '400', '401', '403']);

    const copy = paths['/v1/widgets/{name}/copies']!.post!;
    expect(copy.requestBody).toMatchObject({
      content: { 'application/json': { schema: { required: ['name'] } } },
    });
    expect(Object.keys(copy.responses).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '413', '422'].sort(),
    );
    expect(copy.responses['409']).toEqual({
      description: 'A widget of that name exists',
      content: problem,
    });
  });

  it('documents a body in other media types than JSON, each with its schema', () => {
    const imports = document().paths['/v1/widgets/imports']!.post!;
    expect(imports.requestBody).toEqual({
      required: true,
      content: {
        'application/json': { schema: expect.objectContaining({ type: 'array' }) },
        'text/csv': {
          schema: { type: 'string', description: 'a header row, then a widget per line' },
        },
      },
    });
    expect(Object.keys(imports.responses).sort()).toEqual(
      ['201', '400', '401', '403', '413', '422'].sort(),
    );
  });

  it('documents an answer in its own media type', () => {
    const page = document().paths['/v1/widgets/{name}/page']!.get!;
    expect(page.responses['200']).toEqual({
      description: 'An HTML page',
      content: { 'text/html': { schema: { type: 'string' } } },
    });
  });
});
