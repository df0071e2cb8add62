import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultDevKeyDirectory, devKeyPair } from './dev-key-pair';
import { InternalTokenVerifier } from './internal-token-verifier';
import { mintInternalToken } from './mint-internal-token';

describe('devKeyPair', () => {
  let directory: string;

  beforeEach(() => {
    directory = join(mkdtempSync(join(tmpdir(), 'tenantry-dev-keys-')), 'dev-keys');
  });

  afterEach(() => rmSync(dirname(directory), { recursive: true, force: true }));

  it('creates an Ed25519 pair on first use, the private key readable by its owner only', () => {
    const pair = devKeyPair(directory);
    expect(pair.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(statSync(pair.privateKeyPath).mode & 0o777).toBe(0o600);
    expect(existsSync(pair.publicKeyPath)).toBe(true);
    expect(readdirSync(directory).sort()).toEqual(['private.pem', 'public.pem']);
  });

  it('reuses the pair it created', () => {
    const first = devKeyPair(directory);
    const second = devKeyPair(directory);
    expect(second.privateKey.equals(first.privateKey)).toBe(true);
  });

  it('signs tokens that its public key verifies', async () => {
    const { privateKey, publicKey } = devKeyPair(directory);
    const token = await mintInternalToken(privateKey, {
      tenantId: 'acme',
      subject: 'dev@local',
      roles: [],
      ttlSeconds: 60,
    });
    await expect(new InternalTokenVerifier([publicKey]).verify(token)).resolves.toMatchObject({
      tenantId: 'acme',
    });
  });

  it('rewrites a public key file that no longer matches the private key', () => {
    const { publicKeyPath, publicKey } = devKeyPair(directory);
    writeFileSync(publicKeyPath, 'stale');
    devKeyPair(directory);
    expect(statSync(publicKeyPath).size).toBe(
      publicKey.export({ type: 'spki', format: 'pem' }).length,
    );
  });

  it('lives in .tools/dev-keys of the workspace, which git ignores', () => {
    const workspace = dirname(dirname(defaultDevKeyDirectory()));
    expect(defaultDevKeyDirectory()).toBe(join(workspace, '.tools', 'dev-keys'));
    expect(existsSync(join(workspace, 'nx.json'))).toBe(true);
  });
});
