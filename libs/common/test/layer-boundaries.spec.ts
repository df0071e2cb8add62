// The layering in docs/architecture.md holds only while lint refuses imports against it.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

const boundaryRule = '@nx/enforce-module-boundaries';
const repoRoot = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: repoRoot });

// The rule reads the tags from Nx's cached project graph (and skips itself without one):
// refresh it, as scripts/test does before linting.
beforeAll(() => {
  execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], {
    cwd: repoRoot,
    stdio: 'ignore',
  });
});

async function lintImport(filePath: string, specifier: string): Promise<ESLint.LintResult> {
  const code = `import * as imported from '${specifier}';\n\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint gave no result for ${filePath}`);
  return result;
}

describe('layer boundaries', () => {
  it.each([
    ['a contract', 'libs/schemas/src/x.ts', '@tenantry/drift-core'],
    ['a contract', 'libs/schemas/src/x.ts', '@tenantry/common'],
    ['the util lib', 'libs/common/src/x.ts', '@tenantry/schemas'],
    ['a core', 'libs/drift-core/src/x.ts', '@tenantry/metering-core'],
    ['a core', 'libs/metering-core/src/x.ts', '@tenantry/config'],
    ['a core', 'libs/drift-core/src/x.ts', '@tenantry/problem-details'],
    ['a platform lib', 'libs/observability/src/x.ts', '@tenantry/drift-core'],
    ['a platform lib', 'libs/messaging/src/x.ts', '@tenantry/metering-app'],
  ])('refuses %s (%s) importing %s', async (_kind, filePath, specifier) => {
    const { messages } = await lintImport(filePath, specifier);
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: boundaryRule, severity: 2 }));
  });

  it.each([
    ['a core', 'libs/drift-core/src/x.ts', '@tenantry/schemas'],
    ['a core', 'libs/metering-core/src/x.ts', '@tenantry/common'],
    ['a platform lib', 'libs/observability/src/x.ts', '@tenantry/route-access'],
    ['a platform lib', 'libs/problem-details/src/x.ts', '@tenantry/common'],
    ['an app', 'apps/drift/src/x.ts', '@tenantry/drift-core'],
    ['an app', 'apps/metering/src/x.ts', '@tenantry/messaging'],
  ])('lets %s (%s) import %s', async (_kind, filePath, specifier) => {
    const { messages } = await lintImport(filePath, specifier);
    expect(messages).toEqual([]);
  });
});
