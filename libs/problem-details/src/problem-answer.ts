import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { DomainError } from '@tenantry/common';
import { z } from 'zod';
import { plainProblemType, problemTypeUri, type ProblemDetails } from './problem-details';

/** How the HTTP layer answers a thrown value. */
export interface ProblemAnswer {
  problem: ProblemDetails;
  headers: Readonly<Record<string, string>>;
  /** A fault of the service rather than of the caller: it must be logged. */
  unexpected: boolean;
}

/** One reason a request body or query was refused, at a JSON Pointer (RFC 6901) into it. */
export interface ValidationIssue {
  path: string;
  message: string;
}

const unexpectedDetail =
  'The service failed to handle the request. Quote the correlation id when reporting it.';

/** Maps anything a request handler, guard, pipe or body parser throws to its problem+json answer. */
export function problemAnswerFor(error: unknown): ProblemAnswer {
  if (error instanceof DomainError) {
    return {
      problem: domainProblem(error),
      headers: error.headers,
      unexpected: error.status >= 500,
    };
  }
  if (error instanceof z.core.$ZodError) {
    return answer(
      {
        type: problemTypeUri('validation-failed'),
        title: 'Validation failed',
        status: 422,
        detail: 'The request does not match the expected shape.',
        errors: error.issues.map(toValidationIssue),
      },
      false,
    );
  }
  const bodyParserFailure = bodyParserFailureOf(error);
  if (bodyParserFailure?.type === 'entity.parse.failed') {
    return answer(
      {
        type: problemTypeUri('malformed-json'),
        title: 'Malformed JSON',
        status: 400,
        detail: 'The request body is not valid JSON.',
      },
      false,
    );
  }
  if (bodyParserFailure?.type === 'entity.too.large') {
    const { limit } = bodyParserFailure;
    return answer(
      {
        type: problemTypeUri('payload-too-large'),
        title: 'Payload Too Large',
        status: 413,
        detail:
          typeof limit === 'number'
            ? `The request body exceeds the size limit of ${limit} bytes.`
            : 'The request body exceeds the size limit.',
        ...(typeof limit === 'number' ? { limitBytes: limit } : {}),
      },
      false,
    );
  }
  if (error instanceof HttpException) {
    return plainAnswer(error.getStatus(), messageOf(error.getResponse()));
  }
  if (isClientHttpError(error)) {
    return plainAnswer(error.statusCode, error.expose ? error.message : undefined);
  }
  return answer(
    { type: plainProblemType, title: titleOf(500), status: 500, detail: unexpectedDetail },
    true,
  );
}

/** The problem body of a domain error; standard members win over extension members of the same name. */
function domainProblem(error: DomainError): ProblemDetails {
  return {
    ...error.members,
    type: problemTypeUri(error.type),
    title: error.title,
    status: error.status,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
  };
}

function answer(problem: ProblemDetails, unexpected: boolean): ProblemAnswer {
  return { problem, headers: {}, unexpected };
}

function plainAnswer(status: number, message: string | undefined): ProblemAnswer {
  const title = titleOf(status);
  const detail = message && message !== title ? message : undefined;
  return answer(
    { type: plainProblemType, title, status, ...(detail === undefined ? {} : { detail }) },
    status >= 500,
  );
}

function titleOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return undefined;
}

function toValidationIssue(issue: z.core.$ZodIssue): ValidationIssue {
  return { path: jsonPointer(issue.path), message: issue.message };
}

function jsonPointer(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

// body-parser marks its errors with `type` (and the byte `limit` of a body too large); Nest passes
// them on wrapped as the cause of an HttpException.
function bodyParserFailureOf(error: unknown): { type: string; limit?: unknown } | undefined {
  for (const candidate of [error, (error as { cause?: unknown } | null)?.cause]) {
    const failure = candidate as { type?: unknown; limit?: unknown } | null;
    if (candidate instanceof Error && typeof failure?.type === 'string') {
      return { type: failure.type, limit: failure.limit };
    }
  }
  return undefined;
}

// The shape of the `http-errors` package (body-parser, Express), when one arrives unwrapped.
function isClientHttpError(
  error: unknown,
): error is Error & { statusCode: number; expose: boolean } {
  const candidate = error as { statusCode?: unknown; expose?: unknown };
  return (
    error instanceof Error &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500 &&
    typeof candidate.expose === 'boolean'
  );
}
