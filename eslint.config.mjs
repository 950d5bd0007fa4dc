import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
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
    // The web app runs in the browser.
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
);
