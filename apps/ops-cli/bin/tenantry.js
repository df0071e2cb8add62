#!/usr/bin/env node
// Runs the `tenantry` command with the workspace's Node (.tools/node when the system one is older):
// the built JavaScript in dist/ (`npx nx run ops-cli:build`, which scripts/bootstrap runs once) while
// it is newer than every source file of the CLI and the libs, else the TypeScript sources, compiled
// on the fly (about a second slower). A built image runs dist/main.js itself.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const app = path.resolve(__dirname, '..');
const built = path.join(app, 'dist/main.js');
const toolsNode = path.join(root, '.tools/node/bin/node');
const node = existsSync(toolsNode) ? toolsNode : process.execPath;
const entry = builtIsCurrent()
  ? [built]
  : ['--conditions=tenantry-dev', '-r', '@swc-node/register', path.join(app, 'src/main.ts')];
const result = spawnSync(
  node,
  [
    '--disable-warning=TimeoutNegativeWarning', // kafkajs 2.2.4 sets negative timeouts (harmless)
    ...entry,
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    cwd: process.cwd(),
    env: { ...process.env, SWCRC: 'true', TS_NODE_PROJECT: path.join(root, 'tsconfig.json') },
  },
);
process.exit(result.status ?? 1);

/** Whether dist/main.js was built after the last change to a source (tests aside) of the CLI or a lib. */
function builtIsCurrent() {
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  const libs = readdirSync(path.join(root, 'libs')).map((lib) => path.join(root, 'libs', lib));
  return [app, ...libs].every((project) =>
    readdirSync(path.join(project, 'src'), { recursive: true, withFileTypes: true }).every(
      (file) =>
        !file.isFile() ||
        file.name.endsWith('.spec.ts') ||
        statSync(path.join(file.parentPath, file.name)).mtimeMs <= builtAt,
    ),
  );
}
