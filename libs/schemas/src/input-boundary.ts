import { z } from 'zod';

/**
 * What every value a client or producer sends must keep before any schema reads it: PostgreSQL
 * refuses a NUL character in text and JSON, and a lone surrogate in JSON; values nested
 * deeper than `maxDepth` would exhaust recursive code (zod, canonical JSON).
 */
export const inputLimits = { maxDepth: 32, maxIssues: 20 } as const;

/** Where an input breaks the boundary: a path into the value (as zod paths are) and why. */
export interface InputIssue {
  path: Array<string | number>;
  message: string;
}

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (it holds a lone surrogate)';
  return undefined;
}

/**
 * The places in `value` (a parsed JSON value, query or path parameters) that break the input
 * boundary: unstorable text in any string or property name, nesting deeper than the limit.
 * Walks without recursion, so no input can overflow the stack; stops after `maxIssues`.
 */
export function inputBoundaryIssues(value: unknown, limits = inputLimits): InputIssue[] {
  const issues: InputIssue[] = [];
  const pending: Place[] = [{ value, depth: 0 }];
  while (pending.length > 0 && issues.length < limits.maxIssues) {
    const place = pending.pop()!;
    const current = place.value;
    if (typeof current === 'string') {
      const reason = unstorableTextReason(current);
      if (reason) issues.push({ path: pathOf(place), message: reason });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (place.depth >= limits.maxDepth) {
      const message = `must not nest arrays or objects more than ${limits.maxDepth} deep`;
      issues.push({ path: pathOf(place), message });
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((item, index) => [index, item])
      : Object.entries(current);
    for (const [key, item] of entries.reverse()) {
      const child: Place = { value: item, depth: place.depth + 1, parent: place, key };
      const keyReason = typeof key === 'string' ? unstorableTextReason(key) : undefined;
      if (keyReason) issues.push({ path: pathOf(child), message: `property name ${keyReason}` });
      else pending.push(child);
    }
  }
  return issues.slice(0, limits.maxIssues);
}

// A place in the walked value; its path is built only when an issue is found there.
interface Place {
  value: unknown;
  depth: number;
  parent?: Place;
  key?: string | number;
}

function pathOf(place: Place): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at: Place | undefined = place; at?.parent; at = at.parent) path.unshift(at.key!);
  return path;
}

/**
 * `schema` behind the input boundary: a value that breaks it fails with one issue per place,
 * before `schema` reads it. For values checked one by one (the events of a batch).
 */
export function boundedInput<S extends z.ZodType>(schema: S) {
  return z.preprocess((value, context) => {
    for (const { path, message } of inputBoundaryIssues(value)) {
      context.issues.push({ code: 'custom', path, message, input: value });
    }
    return value;
  }, schema);
}
