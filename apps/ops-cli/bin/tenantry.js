#!/usr/bin/env node
// Runs the `tenantry` command from the TypeScript sources with the workspace's Node
// (.tools/node when the system one is older); a built image runs dist/main.js instead.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const toolsNode = path.join(root, '.tools/node/bin/node');
const node = existsSync(toolsNode) ? toolsNode : process.execPath;
const main = path.resolve(__dirname, '../src/main.ts');
const result = spawnSync(
  node,
  [
    '--conditions=tenantry-dev',
    '--disable-warning=TimeoutNegativeWarning', // kafkajs 2.2.4 sets negative timeouts (harmless)
    '-r',
    '@swc-node/register',
    main,
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    cwd: process.cwd(),
    env: { ...process.env, SWCRC: 'true', TS_NODE_PROJECT: path.join(root, 'tsconfig.json') },
  },
);
process.exit(result.status ?? 1);
