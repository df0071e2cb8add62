// Re-exported for HTTP-side code; domain cores import it from @tenantry/common.
export { DomainError, type DomainErrorOptions } from '@tenantry/common';
export { DocumentedOperation, type OperationDescription } from './documented-operation';
export { openApiDocument, type OpenApiDescription } from './openapi-document';
export { openApiSchema } from './openapi-schema';
export { problemAnswerFor, type ProblemAnswer, type ValidationIssue } from './problem-answer';
export {
  plainProblemType,
  problemJsonMediaType,
  problemTypeUri,
  type ProblemDetails,
} from './problem-details';
export { ProblemDetailsFilter } from './problem-details.filter';
export { ProblemDetailsModule } from './problem-details.module';
export { pageOf, pageQuerySchema, pageSchema, type Page } from './page';
export { decodePageCursor, encodePageCursor } from './page-cursor';
export { InputBoundaryInterceptor, ItemizedBody } from './input-boundary.interceptor';
export { ValidatedParam } from './path-parameters';
export { parseQueryParameters } from './query-parameters';
export { ValidatedBody } from './validated-body.decorator';
export { ZodValidationPipe } from './zod-validation.pipe';
