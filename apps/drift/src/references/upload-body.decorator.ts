import type { IncomingMessage } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ReferenceUploadBody } from './reference-request';

/**
 * A reference upload as the handler reads it by its media type: the JSON value the body parser
 * left, or the request itself, whose NDJSON or CSV body no parser has read (the handler streams
 * it). Not `@Body()`, which would make @nestjs/swagger document a JSON-only body over what
 * `DocumentedOperation` says.
 */
export const UploadBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ReferenceUploadBody => {
    const request = context.switchToHttp().getRequest<IncomingMessage & { body?: unknown }>();
    return { json: request.body, stream: request, contentType: request.headers['content-type'] };
  },
);
