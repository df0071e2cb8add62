import {
  BadRequestException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import fc from 'fast-check';
import { DomainError } from '@tenantry/common';
import { z } from 'zod';
import { problemAnswerFor, type ValidationIssue } from './problem-answer';

function zodErrorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be refused');
  return result.error;
}

function decodePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

describe('problemAnswerFor', () => {
  it('answers a domain error with its own status, type, members and headers', () => {
    const error = new DomainError({
      status: 409,
      type: 'window-closed',
      title: 'Window closed',
      headers: { 'x-a': 'b' },
    });
    expect(problemAnswerFor(error)).toEqual({
      problem: { type: 'urn:tenantry:problem:window-closed', title: 'Window closed', status: 409 },
      headers: { 'x-a': 'b' },
      unexpected: false,
    });
  });

  it('gives a domain error its detail and extension members, standard members winning', () => {
    const error = new DomainError({
      status: 429,
      type: 'quota-exceeded',
      title: 'Quota exceeded',
      detail: 'Tenant acme used 1000 of 1000 calls this month.',
      members: { limit: 1000, status: 200, type: 'spoofed' },
    });
    expect(problemAnswerFor(error).problem).toEqual({
      type: 'urn:tenantry:problem:quota-exceeded',
      title: 'Quota exceeded',
      status: 429,
      detail: 'Tenant acme used 1000 of 1000 calls this month.',
      limit: 1000,
    });
  });

  it('answers a zod error with 422 and one issue per problem, at a JSON Pointer', () => {
    const schema = z.object({
      lines: z.array(z.object({ quantity: z.number().positive() })),
      sku: z.string(),
    });
    const { problem } = problemAnswerFor(
      zodErrorOf(schema, { lines: [{ quantity: 1 }, { quantity: -1 }] }),
    );
    expect(problem).toMatchObject({ status: 422, type: 'urn:tenantry:problem:validation-failed' });
    expect((problem.errors as ValidationIssue[]).map((issue) => issue.path).sort()).toEqual([
      '/lines/1/quantity',
      '/sku',
    ]);
  });

  it('writes issue paths as JSON Pointers that decode back to the offending key', () => {
    fc.assert(
      // zod's record drops a key named __proto__ (it would set the prototype), so it raises no issue.
      fc.property(
        fc.string({ minLength: 1 }).filter((key) => key !== '__proto__'),
        (key) => {
          const { problem } = problemAnswerFor(
            zodErrorOf(z.record(z.string(), z.number()), { [key]: 'not a number' }),
          );
          const [issue] = problem.errors as ValidationIssue[];
          expect(decodePointer(issue!.path)).toEqual([key]);
        },
      ),
    );
  });

  it('answers malformed JSON from the body parser with 400 malformed-json', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    expect(
      problemAnswerFor(new BadRequestException(parseError.message, { cause: parseError })).problem,
    ).toMatchObject({
      status: 400,
      type: 'urn:tenantry:problem:malformed-json',
    });
  });

  it('answers an oversized body with 413 payload-too-large', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      limit: 102400,
    });
    expect(
      problemAnswerFor(new PayloadTooLargeException('x', { cause: tooLarge })).problem,
    ).toMatchObject({
      status: 413,
      type: 'urn:tenantry:problem:payload-too-large',
      detail: 'The request body exceeds the size limit of 102400 bytes.',
      limitBytes: 102400,
    });
  });

  it('answers an HTTP exception with its status, the status text as title and its message as detail', () => {
    expect(problemAnswerFor(new HttpException('Slow down', 429))).toEqual({
      problem: {
        type: 'about:blank',
        title: 'Too Many Requests',
        status: 429,
        detail: 'Slow down',
      },
      headers: {},
      unexpected: false,
    });
  });

  it('leaves out a detail that only repeats the title', () => {
    expect(problemAnswerFor(new NotFoundException()).problem).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
    });
  });

  it('answers an unknown error with a generic 500 that says nothing about it, and flags it for the log', () => {
    const answer = problemAnswerFor(new Error('password=hunter2'));
    expect(answer.unexpected).toBe(true);
    expect(answer.problem).toMatchObject({
      status: 500,
      type: 'about:blank',
      title: 'Internal Server Error',
    });
    expect(JSON.stringify(answer.problem)).not.toContain('hunter2');
  });

  it('treats a thrown non-error like an unknown error', () => {
    expect(problemAnswerFor('boom').problem.status).toBe(500);
    expect(problemAnswerFor(undefined).problem.status).toBe(500);
  });
});
