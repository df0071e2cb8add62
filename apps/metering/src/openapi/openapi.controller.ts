import { Controller, Get } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { Public } from '@tenantry/route-access';
import { openApiDocument } from '@tenantry/problem-details';

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
  ) {}

  @Get('openapi.json')
  openApi(): OpenAPIObject {
    this.document ??= openApiDocument(this.modules, this.httpAdapterHost, {
      title: 'Tenantry metering',
      description:
        'Usage ingestion, meters, usage queries, quotas, cost caps, pricing and invoices per tenant. ' +
        'Every /v1 route needs the internal bearer token the gateway mints.',
    });
    return this.document;
  }
}
