import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules. Every .ts/.tsx file belongs to tsconfig.json (apps, libs, test, bench) or
    // apps/web/tsconfig.json (the browser app); Vite's config, the one file outside both, is
    // typed by apps/web/tsconfig.node.json (Node, bundler resolution) as the default project.
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['apps/web/vite.config.ts'],
          defaultProject: 'apps/web/tsconfig.node.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // As only-throw-error does by default: passing on an error caught as `unknown` (a handler's,
      // a subscription's) is allowed; rejecting with a value known not to be an Error is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Async ports implemented over synchronous SQLite (better-sqlite3) and in-memory buffers:
    // their methods stay `async` without an await so that an error rejects, as the port
    // promises, instead of throwing at the call.
    files: [
      '**/sqlite/**/*.ts',
      '**/sqlite-*-store.ts',
      'apps/api/src/infrastructure/sqlite-idempotency.store.ts',
      'libs/projections/src/buffered-batch-transaction.ts',
    ],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/testing/**/*.ts', 'test/**/*.ts'],
    // Supertest response bodies and JSON fixtures are `any`; every other type-checked rule stays on.
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // The domain is pure: no framework, no database, no Node I/O.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'better-sqlite3',
                'pg',
                'kafkajs',
                'node:*',
                'fs',
                'path',
                'crypto',
                'child_process',
              ],
              message: 'libs/domain imports no framework, database or I/O.',
            },
            {
              group: ['@chidao/*'],
              message: 'libs/domain depends on nothing else in the monorepo.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every background worker of every package runs in it: it must stay below them all.
    files: ['libs/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'better-sqlite3', 'pg', 'kafkajs', 'pino', 'prom-client'],
              message: 'libs/workers imports no framework, database or client library.',
            },
            {
              group: ['@chidao/*'],
              message: 'libs/workers depends on nothing else in the monorepo.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app runs in the browser.
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
);
