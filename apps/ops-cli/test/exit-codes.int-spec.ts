import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@tenantry/testing';

const bin = path.join(__dirname, '../bin/tenantry.js');

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
});
