import { Controller, Get, Inject } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { Public } from '@tenantry/route-access';
import { openApiDocument, type OpenApiDescription } from '@tenantry/problem-details';

/** Injection token of the service's title and description in its OpenAPI document. */
export const openApiDescription = Symbol('OpenApiDescription');

/**
 * `GET /openapi.json`: the service's OpenAPI document, generated from the controllers (request
 * bodies from their zod schemas, problem+json error answers) on the first request.
 */
@Public()
@ApiExcludeController()
@Controller()
export class OpenApiController {
  private document: OpenAPIObject | undefined;

  constructor(
    private readonly modules: ModulesContainer,
    private readonly httpAdapterHost: HttpAdapterHost,
    @Inject(openApiDescription) private readonly description: OpenApiDescription,
  ) {}

  @Get('openapi.json')
  openApi(): OpenAPIObject {
    this.document ??= openApiDocument(this.modules, this.httpAdapterHost, this.description);
    return this.document;
  }
}
