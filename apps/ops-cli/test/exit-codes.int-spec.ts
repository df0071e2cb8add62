import { execFileSync, spawn } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort } from '@tenantry/testing';

const bin = path.join(__dirname, '../bin/tenantry.js');
const built = path.join(__dirname, '../dist/main.js');
const root = path.join(__dirname, '../../..');

/** Runs the `tenantry` bin as an operator would, without the workspace's NODE_OPTIONS. */
function tenantry(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NODE_OPTIONS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the tenantry command', () => {
  // Freshly built, so that the bin runs the JavaScript (a cached build may keep older files).
  beforeAll(() => {
    execFileSync(
      process.execPath,
      ['node_modules/nx/dist/bin/nx.js', 'run', 'ops-cli:build', '--skip-nx-cache'],
      { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } },
    );
  }, 120_000);

  it('shows its help and exits 0', async () => {
    const { code, stdout, stderr } = await tenantry(['--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Usage: tenantry /);
    expect(stdout.match(/^ {2}\w+/gm)).toEqual(
      expect.arrayContaining(['  dev', '  drift', '  topics']),
    );
  });

  // Where a --debug stack trace points tells which code ran.
  const failingCommand = ['--debug', 'drift', 'stats', '--input', '/no/such/case.json'];

  it('runs the built JavaScript while it is newer than the sources', async () => {
    const { code, stderr } = await tenantry(failingCommand);
    expect(code).toBe(1);
    expect(stderr).toContain(path.join('apps/ops-cli/dist/commands/drift.command.js'));
  });

  it('runs the TypeScript sources when one changed after the build', async () => {
    const { atime, mtime } = statSync(built);
    utimesSync(built, 0, 0);
    try {
      const { code, stderr } = await tenantry(failingCommand);
      expect(code).toBe(1);
      expect(stderr).toContain(path.join('apps/ops-cli/src/commands/drift.command.ts'));
    } finally {
      utimesSync(built, atime, mtime);
    }
  });

  it('exits 2 on a usage error', async () => {
    const { code, stderr } = await tenantry(['topics', '--no-such-option']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--no-such-option'");
  });

  it('prints the catalogue as JSON with --json', async () => {
    const { code, stdout } = await tenantry(['topics', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'drift.samples.v1' })]),
    );
  });

  it('says in one line that Kafka cannot be reached, and exits 1', async () => {
    const broker = `127.0.0.1:${await freePort()}`;
    const { code, stdout, stderr } = await tenantry(['topics', 'ensure'], {
      KAFKA_BROKERS: broker,
    });
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `tenantry: cannot reach Kafka at ${broker} (connection refused)\n`,
    });
  });

  it('says so too when the broker closes every connection', async () => {
    const server = createServer((socket) => socket.destroy()).listen(0, '127.0.0.1');
    await new Promise((listening) => server.once('listening', listening));
    const broker = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { code, stdout, stderr } = await tenantry(['topics', 'ensure'], {
        KAFKA_BROKERS: broker,
      });
      // The reason depends on when the socket closes: "Closed connection" or a reset.
      expect({ code, stdout, stderr }).toEqual({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(
          new RegExp(`^tenantry: cannot reach Kafka at ${broker} \\([^\\n]+\\)\\n$`),
        ),
      });
    } finally {
      server.close();
    }
  });
});
