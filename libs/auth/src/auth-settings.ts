import { ConfigError, serviceSettings } from '@tenantry/config';
import type { JWK } from 'jose';
import { z } from 'zod';
import { devKeyPair } from './dev-key-pair';
import type { Ed25519KeyInput } from './key-material';
import { parsePublicKeys } from './key-material';

/**
 * How a service knows which internal tokens to trust. `AUTH_PUBLIC_KEYS`: the gateway's Ed25519 public
 * keys as a JWK, a JWK Set, a JSON array of JWKs or PEM blocks (several during a key rotation).
 * Unset in development and test: the workspace's dev key pair (see `devKeyPair`).
 */
export const authSettings = z.object({
  NODE_ENV: serviceSettings.shape.NODE_ENV,
  AUTH_PUBLIC_KEYS: z
    .string()
    .optional()
    .transform((text, context): JWK[] | undefined => {
      if (text === undefined || text.trim() === '') return undefined;
      try {
        return parsePublicKeys(text);
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: `not usable public keys: ${(error as Error).message}`,
        });
        return z.NEVER;
      }
    }),
});

/** Settings read by `authSettings`. */
export type AuthSettings = z.output<typeof authSettings>;

/** The public keys to trust: the configured ones, else the dev key outside production. */
export function trustedPublicKeys(settings: AuthSettings): Ed25519KeyInput[] {
  if (settings.AUTH_PUBLIC_KEYS) return settings.AUTH_PUBLIC_KEYS;
  if (settings.NODE_ENV === 'production') {
    throw new ConfigError(['AUTH_PUBLIC_KEYS: required in production (the gateway public keys)']);
  }
  return [devKeyPair().publicKey];
}
