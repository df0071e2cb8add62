import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const frameworkImports = ['@nestjs/*', 'kafkajs', 'typeorm', 'pg', '@opentelemetry/*'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', '.nx/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // A package's own `imports` (#name): how main.ts loads its service after tracing starts.
          // Nx matches these as regular expressions: '#*' would allow every import.
          allow: ['^#'],
          // Layers (docs/architecture.md): each kind imports only the kinds below it.
          depConstraints: [
            { sourceTag: 'kind:contract', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'kind:util', onlyDependOnLibsWithTags: [] },
            // Workspace tooling (generators) works on files, not on our libraries.
            { sourceTag: 'kind:tool', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'kind:core', onlyDependOnLibsWithTags: ['kind:contract', 'kind:util'] },
            {
              sourceTag: 'kind:platform',
              onlyDependOnLibsWithTags: ['kind:contract', 'kind:util', 'kind:platform'],
            },
            {
              sourceTag: 'kind:app',
              onlyDependOnLibsWithTags: [
                'kind:contract',
                'kind:util',
                'kind:core',
                'kind:platform',
              ],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read settings through a config schema (@tenantry/config), not process.env.',
        },
      ],
    },
  },
  {
    // Where the environment is the input by design: config loading, the test harness, scripts, tools.
    files: [
      'libs/config/src/**',
      'libs/testing/src/**',
      '**/*.spec.ts',
      '**/test/**',
      '**/bench/**',
      'scripts/**',
      'tools/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Domain rules are plain TypeScript: no framework, broker or database in libs/*-core.
    files: ['libs/*-core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: frameworkImports,
              message: 'libs/*-core hold plain domain rules; glue lives in apps/.',
            },
            {
              regex: '^@tenantry/(?!(?:schemas|common)$)',
              message: 'libs/*-core depend only on @tenantry/schemas and @tenantry/common.',
            },
          ],
        },
      ],
    },
  },
  {
    // The util layer is imported by the cores, so it stays as plain as they are.
    files: ['libs/common/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: frameworkImports, message: 'libs/common is framework-free.' }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
