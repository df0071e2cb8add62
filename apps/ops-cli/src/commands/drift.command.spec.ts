import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { runTenantry } from '../main';
import { driftCommand } from './drift.command';

// The conformance vectors shipped with @tenantry/drift-core: each case has the CLI's input and,
// under `expected`, its output.
const vectorsPath = path.resolve(
  path.dirname(require.resolve('@tenantry/drift-core')),
  '../conformance/drift-vectors.json',
);
const { cases } = JSON.parse(readFileSync(vectorsPath, 'utf8')) as {
  cases: { name: string; kind: string; expected: Record<string, unknown> }[];
};
const conformanceCase = (name: string) => cases.find((driftCase) => driftCase.name === name)!;

function cli(stdin = '') {
  let output = '';
  const program = new Command('tenantry')
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .addCommand(driftCommand({ readStdin: async () => stdin, print: (text) => (output += text) }));
  return {
    run: (...args: string[]) =>
      runTenantry(['node', 'tenantry', 'drift', 'stats', ...args], program),
    output: () => output,
  };
}

function expectConformant(
  printed: Record<string, unknown>,
  expected: Record<string, unknown>,
): void {
  expect(Object.keys(printed)).toEqual(Object.keys(expected));
  for (const [field, value] of Object.entries(expected)) {
    if (typeof value === 'number') {
      expect(Math.abs((printed[field] as number) - value)).toBeLessThanOrEqual(
        Math.max(1e-6 * Math.abs(value), 1e-9),
      );
    } else {
      expect(printed[field]).toEqual(value);
    }
  }
}

describe('tenantry drift stats', () => {
  let stderr: jest.SpyInstance;
  let directory: string;

  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    directory = mkdtempSync(path.join(tmpdir(), 'tenantry-drift-'));
  });

  afterEach(() => {
    stderr.mockRestore();
    rmSync(directory, { recursive: true, force: true });
  });

  it('prints a numeric case from a file with the field names and values of its expected', async () => {
    const driftCase = conformanceCase('normal-mean-shift');
    const file = path.join(directory, 'case.json');
    writeFileSync(file, JSON.stringify(driftCase));
    const { run, output } = cli();
    await expect(run('--input', file)).resolves.toBe(0);
    expectConformant(JSON.parse(output()) as Record<string, unknown>, driftCase.expected);
  });

  it('reads a categorical case from standard input with -', async () => {
    const driftCase = conformanceCase('binary');
    const { run, output } = cli(JSON.stringify(driftCase));
    await expect(run('--input', '-')).resolves.toBe(0);
    expectConformant(JSON.parse(output()) as Record<string, unknown>, driftCase.expected);
  });

  it('answers every conformance case as its expected says', async () => {
    for (const driftCase of cases) {
      const { run, output } = cli(JSON.stringify(driftCase));
      await expect(run('--input', '-')).resolves.toBe(0);
      expectConformant(JSON.parse(output()) as Record<string, unknown>, driftCase.expected);
    }
  });

  it.each([
    ['text that is not JSON', 'reference: [1, 2]', /^tenantry: standard input is not JSON: /],
    [
      'an empty window',
      '{"reference": [1, 2], "current": [], "bins": 10}',
      /^tenantry: current is empty\n$/,
    ],
    [
      'a field of the wrong type',
      '{"reference": [1, "2"], "current": [1], "bins": 10}',
      /^tenantry: not a numeric drift case: reference\.1: /,
    ],
  ])('exits 1 with one clear line on %s', async (_case, stdin, message) => {
    const { run, output } = cli(stdin);
    await expect(run('--input', '-')).resolves.toBe(1);
    expect(output()).toBe('');
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(message));
  });

  it('exits 1 naming a file it cannot read', async () => {
    const missing = path.join(directory, 'missing.json');
    await expect(cli().run('--input', missing)).resolves.toBe(1);
    expect(stderr).toHaveBeenCalledWith(
      expect.stringMatching(`^tenantry: cannot read ${missing}: ENOENT`),
    );
  });

  it('insists on --input (a usage error)', async () => {
    await expect(cli().run()).resolves.toBe(2);
  });
});
