import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { currentTenantContext } from '@tenantry/tenant-context';
import { problemAnswerFor } from './problem-answer';
import { problemJsonMediaType } from './problem-details';

/** Answers every error of an HTTP request as `application/problem+json` (RFC 9457); never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<IncomingMessage & { originalUrl?: string }>();
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const { problem, headers, unexpected } = problemAnswerFor(exception);
    const instance = (request.originalUrl ?? request.url ?? '').split('?')[0];
    const correlationId = currentTenantContext()?.correlationId;
    if (unexpected) {
      this.logger.error(
        `${request.method} ${instance} failed (correlation id ${correlationId ?? 'none'}): ${String(exception)}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (response.headersSent) {
      // Part of a success answer is already on the wire: all that is left is to cut it off.
      response.destroy();
      return;
    }
    const body = JSON.stringify({
      ...problem,
      instance,
      ...(correlationId ? { correlationId } : {}),
    });
    response.statusCode = problem.status;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('content-type', problemJsonMediaType);
    response.setHeader('content-length', Buffer.byteLength(body));
    response.end(body);
  }
}
