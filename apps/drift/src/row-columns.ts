import { z } from 'zod';

/**
 * A timestamptz column (a Date from node-postgres) and an instant in an answer: handlers answer
 * with the Date, which JSON and the OpenAPI document spell as an RFC 3339 string.
 */
export const instantSchema = z.date().meta({ type: 'string', format: 'date-time' });

/** A bigint column, which node-postgres returns as text; drift's (window indexes, sequences) stay far below 2^53. */
export const bigintColumn = z.string().transform(Number);

/**
 * A jsonb column holding a value of type T that the service wrote itself (a window state, a
 * reference profile): checked to be an object, not parsed again, since it can hold megabytes of
 * samples and sketches that every fold and judgement reads.
 */
export function storedJson<T extends object>() {
  return z.custom<T>((value) => typeof value === 'object' && value !== null, 'not a JSON object');
}
