import { Module } from '@nestjs/common';
import { OpenApiController } from './openapi.controller';

/** Serves the service's OpenAPI document at /openapi.json (public, like /metrics). */
@Module({ controllers: [OpenApiController] })
export class OpenApiModule {}
