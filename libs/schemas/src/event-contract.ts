import type { z } from 'zod';
import type { CloudEvent } from './cloud-event';
import { SchemaViolationError } from './schema-violation-error';
import { inputBoundaryIssues } from './input-boundary';

/** What one kind of event on one topic looks like: its type, its data schema and an example. */
export interface EventContract<T = unknown> {
  /** The CloudEvent type; with `typePattern`, the contract's name (the types on the wire vary). */
  readonly type: string;
  /** Set when producers choose the type: the contract then covers every type this matches. */
  readonly typePattern?: RegExp;
  readonly topic: string;
  readonly description: string;
  readonly data: z.ZodType<T>;
  /** Example data, shown in the generated documents and checked against `data` by tests. */
  readonly example: T;
}

/** Declares an event contract (one per file under src/events/). */
export function defineEventContract<T>(contract: EventContract<T>): EventContract<T> {
  return Object.freeze({ ...contract });
}

/** Whether events of this CloudEvent type fall under the contract. */
export function coversType(contract: EventContract<unknown>, type: string): boolean {
  return contract.typePattern ? contract.typePattern.test(type) : type === contract.type;
}

/**
 * Checks an event against the input boundary and its type and data against a contract; throws
 * SchemaViolationError naming each bad path.
 */
export function parseEvent<T>(
  contract: EventContract<T>,
  event: CloudEvent<unknown>,
): CloudEvent<T> {
  if (!coversType(contract, event.type)) {
    const expected = contract.typePattern ? `matching ${contract.typePattern}` : contract.type;
    throw new SchemaViolationError(contract.type, [
      `type: ${JSON.stringify(event.type)} is not ${expected}`,
    ]);
  }
  const unstorable = inputBoundaryIssues(event);
  if (unstorable.length > 0) {
    throw new SchemaViolationError(
      contract.type,
      unstorable.map(({ path, message }) => `${path.join('.')}: ${message}`),
    );
  }
  const parsed = contract.data.safeParse(event.data);
  if (!parsed.success) {
    throw new SchemaViolationError(
      contract.type,
      parsed.error.issues.map(
        (issue) => `${['data', ...issue.path.map(String)].join('.')}: ${issue.message}`,
      ),
    );
  }
  return { ...event, data: parsed.data };
}
