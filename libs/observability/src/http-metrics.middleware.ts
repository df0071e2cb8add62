import type { IncomingMessage, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { httpRequestDuration, httpRequestsTotal } from './metrics';

/** What Express adds to a request once a route matched. */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/** The `route` label of requests no route matched (404s): raw paths would be unbounded. */
export const unmatchedRoute = 'unmatched';

/**
 * Express middleware recording RED metrics for every response, including those written by
 * exception filters, guards and the 404 handler. Labels carry the route template
 * (`/v1/meters/:key`), which also names the HTTP server span (`GET /v1/meters/:key`).
 */
export function recordHttpMetrics(
  request: RoutedRequest,
  response: ServerResponse,
  next: () => void,
): void {
  const started = process.hrtime.bigint();
  // The HTTP instrumentation's record of this request: a `route` set before the response
  // closes names the server span.
  const rpcMetadata = getRPCMetadata(context.active());
  response.once('finish', () => {
    const route = routeTemplate(request);
    if (rpcMetadata?.type === RPCType.HTTP && route) rpcMetadata.route = route;
  });
  response.once('close', () => {
    // 499 (client closed request): the client went away before the response was complete.
    const labels = {
      method: request.method ?? 'GET',
      route: routeTemplate(request) ?? unmatchedRoute,
      status: response.writableFinished ? String(response.statusCode) : '499',
    };
    httpRequestsTotal.inc(labels);
    httpRequestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  });
  next();
}

function routeTemplate(request: RoutedRequest): string | undefined {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : undefined;
}
