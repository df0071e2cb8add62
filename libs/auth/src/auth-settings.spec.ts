import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ConfigError, loadConfig } from '@tenantry/config';
import { authSettings, trustedPublicKeys } from './auth-settings';
import { devKeyPair } from './dev-key-pair';
import { keyIdOf } from './key-material';

const current = generateKeyPairSync('ed25519').publicKey;
const next = generateKeyPairSync('ed25519').publicKey;
const pemOf = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
const jwkOf = (key: KeyObject) => key.export({ format: 'jwk' });

async function keyIdsOf(env: Record<string, string>): Promise<string[]> {
  const keys = trustedPublicKeys(loadConfig(authSettings, env));
  return Promise.all(keys.map((key) => keyIdOf(key)));
}

describe('authSettings', () => {
  const expected = async () => [await keyIdOf(current), await keyIdOf(next)];

  it('reads several PEM public keys, also with escaped newlines', async () => {
    await expect(keyIdsOf({ AUTH_PUBLIC_KEYS: pemOf(current) + pemOf(next) })).resolves.toEqual(
      await expected(),
    );
    const escaped = (pemOf(current) + pemOf(next)).replaceAll('\n', '\\n');
    await expect(keyIdsOf({ AUTH_PUBLIC_KEYS: escaped })).resolves.toEqual(await expected());
  });

  it('reads a JWK Set, an array of JWKs or one JWK, keeping their kid', async () => {
    const keys = [jwkOf(current), jwkOf(next)];
    await expect(keyIdsOf({ AUTH_PUBLIC_KEYS: JSON.stringify({ keys }) })).resolves.toEqual(
      await expected(),
    );
    await expect(keyIdsOf({ AUTH_PUBLIC_KEYS: JSON.stringify(keys) })).resolves.toEqual(
      await expected(),
    );
    await expect(
      keyIdsOf({ AUTH_PUBLIC_KEYS: JSON.stringify({ ...jwkOf(current), kid: 'k-1' }) }),
    ).resolves.toEqual(['k-1']);
  });

  it.each([
    ['garbage', 'not a key'],
    ['an RSA key', pemOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey)],
    ['JSON that is no JWK', '{"keys": [1]}'],
  ])('names AUTH_PUBLIC_KEYS when it holds %s', (_what, value) => {
    expect(() => loadConfig(authSettings, { AUTH_PUBLIC_KEYS: value })).toThrow(/AUTH_PUBLIC_KEYS/);
  });

  it('insists on configured keys in production', () => {
    const settings = loadConfig(authSettings, { NODE_ENV: 'production' });
    expect(() => trustedPublicKeys(settings)).toThrow(ConfigError);
  });

  it('trusts the workspace dev key in development and test', () => {
    const [key] = trustedPublicKeys(
      loadConfig(authSettings, { NODE_ENV: 'test', AUTH_PUBLIC_KEYS: '' }),
    );
    expect((key as KeyObject).equals(devKeyPair().publicKey)).toBe(true);
  });
});
