// One Jest run for the workspace: `unit` needs nothing, `integration` gets a real Kafka
// broker and PostgreSQL server from the harness in libs/testing (started once per run).
const fs = require('node:fs');
const { registerHooks } = require('node:module');

// The global setup runs under Node's own resolver: resolve workspace libs to their
// TypeScript sources there too, as the `tenantry-dev` condition does inside tests.
registerHooks({
  resolve: (specifier, context, next) =>
    next(specifier, { ...context, conditions: [...(context.conditions ?? []), 'tenantry-dev'] }),
});
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['tenantry-dev', 'node', 'node-addons'] },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/.tools/', '/dist/'],
  setupFiles: ['<rootDir>/libs/testing/src/fast-check-seed.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{apps,libs}/*/{src,test,scenarios}/**/*.spec.ts',
        '<rootDir>/tools/{src,test}/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{apps,libs}/*/{src,test}/**/*.int-spec.ts',
        '<rootDir>/tools/{src,test}/**/*.int-spec.ts',
      ],
      globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest-global-teardown.ts',
    },
  ],
};
