import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

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
          allow: ['#*'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
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
    // Where the environment is the input by design: config loading, the test harness, scripts.
    files: [
      'libs/config/src/**',
      'libs/testing/src/**',
      '**/*.spec.ts',
      '**/test/**',
      '**/bench/**',
      'scripts/**',
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
              group: ['@nestjs/*', 'kafkajs', 'typeorm', 'pg', '@opentelemetry/*'],
              message: 'libs/*-core hold plain domain rules; glue lives in apps/.',
            },
            {
              regex: '^@tenantry/(?![\\w-]+-core$|problem-details/domain-error$)',
              message: 'libs/*-core depend only on other cores and DomainError.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
