import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the CLI loads it lazily (start-up time), a test need not
import { devKeyPair, InternalTokenVerifier, keyIdOf, knownRoles } from '@tenantry/auth/tokens';
import { Command, CommanderError } from 'commander';
import { runTenantry } from '../main';
import { devCommand } from './dev.command';

describe('tenantry dev', () => {
  let keyDirectory: string;
  let printed: string[];

  beforeEach(() => {
    keyDirectory = mkdtempSync(join(tmpdir(), 'tenantry-dev-command-'));
    printed = [];
  });

  afterEach(() => rmSync(keyDirectory, { recursive: true, force: true }));

  /** `tenantry` with only the dev command, printing into `printed` and nothing else. */
  function program(): Command {
    const dev = devCommand({ keyDirectory, print: (line) => printed.push(line) });
    const silent = (command: Command): void => {
      command
        .exitOverride()
        .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
      command.commands.forEach(silent);
    };
    const tenantry = new Command('tenantry').addCommand(dev);
    silent(tenantry);
    return tenantry;
  }

  async function run(...args: string[]): Promise<void> {
    await program().parseAsync(['dev', ...args], { from: 'user' });
  }

  async function principalOfPrintedToken() {
    expect(printed).toHaveLength(1);
    return new InternalTokenVerifier([devKeyPair(keyDirectory).publicKey]).verify(printed[0]!);
  }

  it('prints a token for the tenant, signed with the dev key, as dev@local without roles for an hour', async () => {
    await run('token', '--tenant', 'acme');
    const principal = await principalOfPrintedToken();
    expect(principal).toMatchObject({ tenantId: 'acme', actor: 'dev@local', roles: [] });
    expect(Math.abs(principal.expiresAt.getTime() - (Date.now() + 3_600_000))).toBeLessThan(2_000);
  });

  it('takes the subject, comma-separated roles and a lifetime', async () => {
    await run(
      'token',
      '--tenant',
      'acme',
      '--subject',
      'ada@acme.test',
      '--roles',
      'metering:read, metering:write,',
      '--ttl',
      '15m',
    );
    const principal = await principalOfPrintedToken();
    expect(principal).toMatchObject({
      actor: 'ada@acme.test',
      roles: ['metering:read', 'metering:write'],
    });
    expect(Math.abs(principal.expiresAt.getTime() - (Date.now() + 900_000))).toBeLessThan(2_000);
  });

  it('prints the token with its tenant, subject, roles and expiry as JSON with --json', async () => {
    await run('token', '--tenant', 'acme', '--roles', 'drift:read', '--ttl', '15m', '--json');
    expect(printed).toHaveLength(1);
    const printedJson = JSON.parse(printed[0]!) as Record<string, unknown>;
    expect(printedJson).toEqual({
      token: expect.any(String),
      tenant: 'acme',
      subject: 'dev@local',
      roles: ['drift:read'],
      expiresAt: expect.any(String),
    });
    const principal = await new InternalTokenVerifier([devKeyPair(keyDirectory).publicKey]).verify(
      printedJson.token as string,
    );
    expect(principal).toMatchObject({ tenantId: 'acme', roles: ['drift:read'] });
    expect(printedJson.expiresAt).toBe(principal.expiresAt.toISOString());
  });

  it.each([
    ['90s', 90],
    ['90', 90],
    ['2h', 7200],
    ['1d', 86_400],
  ])('reads the lifetime %p as %i seconds', async (ttl, seconds) => {
    await run('token', '--tenant', 'acme', '--ttl', ttl);
    const { expiresAt } = await principalOfPrintedToken();
    expect(Math.abs(expiresAt.getTime() - (Date.now() + seconds * 1000))).toBeLessThan(2_000);
  });

  it.each(['0', '-5m', '1w', 'soon', '1.5h'])('refuses the lifetime %p', async (ttl) => {
    await expect(run('token', '--tenant', 'acme', '--ttl', ttl)).rejects.toMatchObject({
      code: 'commander.invalidArgument',
    });
    expect(printed).toEqual([]);
  });

  it.each([
    ['an unknown role', ['--tenant', 'acme', '--roles', 'metering:read,metering:superuser']],
    ['a tenant id with capitals', ['--tenant', 'Acme']],
    ['a tenant id of 64 characters', ['--tenant', 'a'.repeat(64)]],
    ['a tenant id starting with a hyphen', ['--tenant', '-acme']],
  ])('refuses %s as a usage error (exit code 2)', async (_case, args) => {
    const exitCode = await runTenantry(['node', 'tenantry', 'dev', 'token', ...args], program());
    expect(exitCode).toBe(2);
    expect(printed).toEqual([]);
  });

  it('needs a tenant', async () => {
    await expect(run('token')).rejects.toBeInstanceOf(CommanderError);
    expect(printed).toEqual([]);
  });

  it('signs every token with the same key pair, created once', async () => {
    await run('token', '--tenant', 'acme');
    await run('token', '--tenant', 'globex');
    const verifier = new InternalTokenVerifier([devKeyPair(keyDirectory).publicKey]);
    await expect(Promise.all(printed.map((token) => verifier.verify(token)))).resolves.toHaveLength(
      2,
    );
  });

  it('shows where the key pair lives and its public key', async () => {
    await run('keys');
    const pair = devKeyPair(keyDirectory);
    expect(printed.join('\n')).toContain(pair.privateKeyPath);
    expect(printed.join('\n')).toContain(pair.publicKeyPath);
    expect(printed.at(-1)).toBe(
      pair.publicKey.export({ type: 'spki', format: 'pem' }).toString().trimEnd(),
    );
  });

  it('shows the key pair as JSON with --json', async () => {
    await run('keys', '--json');
    const pair = devKeyPair(keyDirectory);
    expect(JSON.parse(printed.join('\n'))).toEqual({
      privateKeyPath: pair.privateKeyPath,
      publicKeyPath: pair.publicKeyPath,
      keyId: await keyIdOf(pair.publicKey),
      publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
  });

  it('lists the known roles in the help of dev token', async () => {
    let help = '';
    const tenantry = program();
    tenantry.commands[0]!.commands[0]!.configureOutput({ writeOut: (text) => (help += text) });
    await expect(
      tenantry.parseAsync(['dev', 'token', '--help'], { from: 'user' }),
    ).rejects.toMatchObject({
      code: 'commander.helpDisplayed',
    });
    expect(help.replace(/\s+/g, ' ')).toContain(
      `comma-separated roles, of: ${knownRoles.join(', ')}`,
    );
  });
});
