// Generates a service in a scratch copy of the workspace and checks it as CI would: lint,
// typecheck, and its own tests on the harness's Kafka broker and PostgreSQL server.
import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const name = 'parts-registry';
const generated = [`apps/${name}`, `libs/${name}-core`];

interface Run {
  code: number;
  output: string;
}

/** What a failed run printed last, or '' when it succeeded: the assertion message shows it. */
const failureOf = ({ code, output }: Run) =>
  code === 0 ? '' : `exit ${code}\n${withoutLogLines(output).slice(-8000)}`;

/** The output without the services' JSON log lines. */
const withoutLogLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => !line.startsWith('{"level"'))
    .join('\n');

/** Runs a command in the copy; resolves with its exit code and output (never rejects). */
function run(copy: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<Run>((done) => {
    execFile(
      command,
      args,
      {
        cwd: copy,
        env: { ...childEnvironment(copy), ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

function childEnvironment(copy: string): NodeJS.ProcessEnv {
  const { JEST_WORKER_ID: _worker, ...env } = process.env;
  return {
    ...env,
    PATH: `${join(copy, 'node_modules/.bin')}:${dirname(process.execPath)}:${env.PATH}`,
    NX_DAEMON: 'false',
  };
}

/** The workspace as git sees it (tracked and new files), node_modules hard-linked, .tools linked. */
function copyWorkspace(): string {
  const copy = realpathSync(mkdtempSync(join(tmpdir(), 'tenantry-generator-')));
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(root, file)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(root, file), join(copy, file));
  }
  execFileSync('cp', ['-al', join(root, 'node_modules'), join(copy, 'node_modules')]);
  symlinkSync(realpathSync(join(root, '.tools')), join(copy, '.tools'));
  return copy;
}

describe('nx g @tenantry/tools:service', () => {
  let copy: string;
  let generation: Run;

  beforeAll(async () => {
    copy = copyWorkspace();
    generation = await run(copy, process.execPath, [
      'node_modules/nx/dist/bin/nx.js',
      'g',
      '@tenantry/tools:service',
      name,
      '--no-interactive',
    ]);
    // The generator recorded the new workspaces in package-lock.json and linked them itself:
    // a fresh stamp (a new file, not the hard link) keeps scripts/bootstrap from running npm ci.
    const stamp = join(copy, 'node_modules/.tenantry-installed');
    if (existsSync(stamp)) unlinkSync(stamp);
    writeFileSync(stamp, '');
  }, 120_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('generates the service and links its workspaces', () => {
    expect(failureOf(generation)).toBe('');
    for (const [folder, packageName] of [
      [`apps/${name}`, `@tenantry/${name}-app`],
      [`libs/${name}-core`, `@tenantry/${name}-core`],
    ] as const) {
      expect(realpathSync(join(copy, 'node_modules', packageName))).toBe(
        realpathSync(join(copy, folder)),
      );
    }
    const services = JSON.parse(readFileSync(join(copy, 'deploy/services.json'), 'utf8'));
    expect(services.at(-1)).toEqual({ name, port: 3006 });
    expect(readFileSync(join(copy, 'docs/asyncapi.yaml'), 'utf8')).toContain(
      `${name}.item.created`,
    );
    // so that `tenantry dev token` and the gateway may grant the service's roles
    expect(readFileSync(join(copy, 'libs/auth/src/known-roles.ts'), 'utf8')).toMatch(
      new RegExp(`'${name}:read',\\s*'${name}:write',?\\s*\\]`),
    );
  });

  it('lints and formats clean', async () => {
    const paths = [...generated, 'libs/schemas', 'docker-compose.yml', 'deploy'];
    await run(copy, 'nx', ['show', 'projects']); // the module-boundary rule reads Nx's graph
    const lint = await run(copy, 'eslint', ['--max-warnings', '0', ...generated, 'libs/schemas']);
    expect(failureOf(lint)).toBe('');
    const format = await run(copy, 'prettier', ['--check', '--log-level', 'warn', ...paths]);
    expect(failureOf(format)).toBe('');
  }, 180_000);

  it('typechecks with the whole workspace', async () => {
    expect(failureOf(await run(copy, 'tsc', ['-p', 'tsconfig.json']))).toBe('');
  }, 180_000);

  it("passes its own tests on the harness's Kafka and PostgreSQL", async () => {
    const results = join(copy, 'jest-results.json');
    const jest = await run(
      copy,
      'scripts/jest',
      ['--ci', '--json', `--outputFile=${results}`, ...generated, 'libs/schemas'],
      {
        // The harness's broker and server: the child's global setup reuses them.
        KAFKA_BROKERS: process.env.TENANTRY_TEST_KAFKA_BROKERS,
        DATABASE_URL: process.env.TENANTRY_TEST_POSTGRES_URL,
      },
    );
    expect(failureOf(jest)).toBe('');
    const report = JSON.parse(readFileSync(results, 'utf8')) as {
      numFailedTests: number;
      numRuntimeErrorTestSuites: number;
      testResults: Array<{ name: string; status: string }>;
    };
    expect(report.numFailedTests + report.numRuntimeErrorTestSuites).toBe(0);
    const passed = report.testResults
      .filter((suite) => suite.status === 'passed')
      .map((suite) => suite.name.slice(copy.length + 1));
    expect(passed).toEqual(
      expect.arrayContaining([
        `apps/${name}/test/items.int-spec.ts`,
        `apps/${name}/test/fuzz.int-spec.ts`,
        `libs/${name}-core/src/item-key.spec.ts`,
        'libs/schemas/src/generated-files.spec.ts',
      ]),
    );
  }, 240_000);
});
