import {
  createPrivateKey,
  createPublicKey,
  type JsonWebKey,
  type JsonWebKeyInput,
  type KeyObject,
} from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';

/** An Ed25519 key: a Node KeyObject, a PEM text (SPKI public or PKCS#8 private) or a JWK. */
export type Ed25519KeyInput = KeyObject | string | JWK;

/** The public half of `input` (a private key gives its public key). */
export function ed25519PublicKey(input: Ed25519KeyInput): KeyObject {
  if (isKeyObject(input) && input.type === 'public') return requireEd25519(input);
  return requireEd25519(createPublicKey(isKeyObject(input) ? input : toNodeKeyInput(input)));
}

/** `input` as a private key; throws when it is only a public key. */
export function ed25519PrivateKey(input: Ed25519KeyInput): KeyObject {
  const key = isKeyObject(input) ? input : createPrivateKey(toNodeKeyInput(input));
  if (key.type !== 'private') throw new TypeError('Signing needs a private key, got a public one');
  return requireEd25519(key);
}

/** The `kid` of a key: the JWK's own `kid` when it has one, else its RFC 7638 thumbprint (the same for both halves). */
export async function keyIdOf(input: Ed25519KeyInput): Promise<string> {
  if (isJwk(input) && typeof input.kid === 'string' && input.kid !== '') return input.kid;
  return calculateJwkThumbprint(ed25519PublicKey(input).export({ format: 'jwk' }) as JWK);
}

/**
 * Reads public keys from a setting: a JWK, a JWK Set (`{"keys": [...]}`), a JSON array of JWKs,
 * or one or more PEM blocks. Escaped newlines (`\n`) are accepted, as env files often carry them.
 */
export function parsePublicKeys(text: string): JWK[] {
  const trimmed = text.trim().replaceAll('\\n', '\n');
  const inputs: Ed25519KeyInput[] =
    trimmed.startsWith('{') || trimmed.startsWith('[') ? jwksIn(trimmed) : pemBlocksIn(trimmed);
  if (inputs.length === 0) throw new TypeError('No public key found');
  return inputs.map((input) => {
    const jwk = ed25519PublicKey(input).export({ format: 'jwk' }) as JWK;
    return isJwk(input) && input.kid ? { ...jwk, kid: input.kid } : jwk;
  });
}

function jwksIn(json: string): JWK[] {
  const parsed: unknown = JSON.parse(json);
  const keys = Array.isArray(parsed) ? parsed : ((parsed as { keys?: unknown }).keys ?? [parsed]);
  if (!Array.isArray(keys) || !keys.every(isJwk))
    throw new TypeError('Expected a JWK, a JWK Set or an array of JWKs');
  return keys;
}

function pemBlocksIn(text: string): string[] {
  const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) throw new TypeError('Expected JSON (JWK) or PEM public keys');
  return blocks;
}

function toNodeKeyInput(input: string | JWK): string | JsonWebKeyInput {
  return typeof input === 'string' ? input : { key: input as JsonWebKey, format: 'jwk' };
}

function requireEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(
      `Internal tokens use Ed25519 keys, got ${key.asymmetricKeyType ?? key.type}`,
    );
  }
  return key;
}

function isKeyObject(input: unknown): input is KeyObject {
  return (
    typeof input === 'object' && input !== null && typeof (input as KeyObject).export === 'function'
  );
}

function isJwk(input: unknown): input is JWK {
  return (
    typeof input === 'object' &&
    input !== null &&
    !isKeyObject(input) &&
    typeof (input as JWK).kty === 'string'
  );
}
