import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** The development signing key pair and where it lives. */
export interface DevKeyPair {
  directory: string;
  privateKeyPath: string;
  publicKeyPath: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * The Ed25519 key pair that signs and verifies internal tokens on a developer machine and in tests:
 * created on first use in `<workspace>/.tools/dev-keys/` (gitignored, private key mode 600), then reused,
 * so no key is ever committed. Never used when NODE_ENV is production.
 */
export function devKeyPair(directory: string = defaultDevKeyDirectory()): DevKeyPair {
  const privateKeyPath = join(directory, 'private.pem');
  const publicKeyPath = join(directory, 'public.pem');
  if (!existsSync(privateKeyPath)) createPrivateKeyFile(directory, privateKeyPath);
  const privateKey = createPrivateKey(readFileSync(privateKeyPath, 'utf8'));
  const publicKey = createPublicKey(privateKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (!existsSync(publicKeyPath) || readFileSync(publicKeyPath, 'utf8') !== publicPem) {
    writeAtomically(publicKeyPath, publicPem);
  }
  return { directory, privateKeyPath, publicKeyPath, privateKey, publicKey };
}

/** `<workspace>/.tools/dev-keys`, the workspace being the nearest directory above this file holding nx.json. */
export function defaultDevKeyDirectory(): string {
  for (let directory = __dirname; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'nx.json'))) return join(directory, '.tools', 'dev-keys');
    if (dirname(directory) === directory) {
      throw new Error(
        `No workspace (nx.json) above ${__dirname}: the dev key pair exists only in a checkout; set AUTH_PUBLIC_KEYS`,
      );
    }
  }
}

// Services start side by side: the first to link its complete file wins and the others read that one,
// so no process ever trusts a key that another process overwrote.
function createPrivateKeyFile(directory: string, privateKeyPath: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const draft = `${privateKeyPath}.${randomUUID()}.tmp`;
  writeFileSync(draft, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    linkSync(draft, privateKeyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

function writeAtomically(path: string, content: string): void {
  const draft = `${path}.${randomUUID()}.tmp`;
  writeFileSync(draft, content, { mode: 0o644 });
  renameSync(draft, path);
}
