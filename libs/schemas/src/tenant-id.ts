import { z } from 'zod';

/**
 * The rule every tenant id follows: 1 to 63 characters, lowercase ASCII letters, digits
 * and hyphens, starting with a letter or a digit. The id travels in Kafka keys and
 * headers, URLs, log fields, metric labels and PostgreSQL settings, so it is kept to a
 * DNS-label-like alphabet that none of them needs to escape.
 */
export const tenantIdPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A tenant id (see {@link tenantIdPattern}). */
export const tenantIdSchema = z.string().regex(tenantIdPattern, {
  error: 'must be 1 to 63 lowercase letters, digits or hyphens, starting with a letter or digit',
});
