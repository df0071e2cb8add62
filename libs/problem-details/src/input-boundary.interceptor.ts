import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { inputBoundaryIssues, type InputIssue } from '@tenantry/schemas';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { invalidPathParameters } from './path-parameters';
import { invalidQueryParameters } from './query-parameters';

const itemizedBodyKey = 'tenantry:itemized-body';

/**
 * Marks a handler whose body is a batch it checks item by item (`boundedInput` on the item
 * schema), answering per item: the input boundary then leaves the body to it.
 */
export function ItemizedBody(): MethodDecorator {
  return SetMetadata(itemizedBodyKey, true);
}

/**
 * The input boundary of every route: path and query parameters and the body must hold text
 * PostgreSQL can store and nest no deeper than the limit (`inputBoundaryIssues`), or the request
 * is refused before the handler runs: 400 for parameters, 422 for the body, naming each place.
 */
@Injectable()
export class InputBoundaryInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    refuseParameters('path', inputBoundaryIssues(request.params));
    refuseParameters('query', inputBoundaryIssues(request.query));
    if (!this.reflector.get<boolean>(itemizedBodyKey, context.getHandler())) {
      const issues = inputBoundaryIssues(request.body);
      if (issues.length > 0) {
        throw new z.ZodError(
          issues.map((issue) => ({ code: 'custom', input: undefined, ...issue })),
        );
      }
    }
    return next.handle();
  }
}

function refuseParameters(where: 'path' | 'query', issues: InputIssue[]): void {
  if (issues.length === 0) return;
  const errors = issues.map(({ path, message }) => ({ parameter: path.join('.'), message }));
  throw where === 'query' ? invalidQueryParameters(errors) : invalidPathParameters(errors);
}
