import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The request body as the body parsers left it: a JSON value, or the text of an NDJSON or CSV
 * upload, for a handler that reads it by its media type. Not `@Body()`, which would make
 * @nestjs/swagger document a JSON-only body over what `DocumentedOperation` says.
 */
export const UploadBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): unknown =>
    context.switchToHttp().getRequest<{ body?: unknown }>().body,
);
