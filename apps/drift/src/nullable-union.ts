import type { z } from 'zod';

/**
 * `union` (of object schemas) or null. OpenAPI 3.0 wants a `type` beside `nullable`, which zod
 * leaves out for a union; every member being an object, the type is `object`.
 */
export function nullableUnion<S extends z.ZodType>(union: S) {
  return union.nullable().meta({ type: 'object' });
}
