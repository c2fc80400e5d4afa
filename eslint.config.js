// ESLint (`npm run lint`): the recommended JavaScript and typescript-eslint rules. Not type-aware: that
// took 26 s of CPU (over a minute on this shared 2-core machine) against a few seconds, and `tsc` already
// checks types.
// Formatting is Prettier's job (`npm run format:check`); import boundaries are dependency-cruiser's (`npm run deps`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Built bundles, generated docs, test data (fixtures are scanned, never run) and the benchmark's
    // generated repositories.
    ignores: ['dist/', 'docs/', 'examples/', 'node_modules/', 'tests/fixtures/', 'coverage/', '.bench/', '.preview/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JavaScript (configs, scripts).
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        module: 'writable',
        require: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        performance: 'readonly',
      },
    },
  },
);
