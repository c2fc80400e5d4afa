import { defineConfig } from 'vitest/config';
import { SLOW_TESTS } from './tests/projects.js';

/**
 * Two projects. `unit` (`npm test`): unit, golden, meta, renderer, CLI and adapter tests, in worker
 * threads sharing one module graph (isolate: false), which removes most of the per-file import cost
 * (measured on 2 cores: 86 s with threads and 139 s with forks when every file re-imports the
 * source, 26 s shared). `slow` (`npm run test:slow`): the hostile-input, ReDoS, property, performance
 * and end-to-end suites, each file isolated (some mock modules or patch globals).
 * `npx vitest run` runs both; tests/meta/unit-isolation.test.ts keeps `unit` files free of global changes.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    // What every entry point awaits before a scan (the shell grammar), once per worker.
    setupFiles: ['tests/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...SLOW_TESTS, '**/node_modules/**'],
          pool: 'threads',
          // A unit test must not leave global state behind (no module mocks, env or cwd changes):
          // such a test belongs in `slow`, where every file runs isolated.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: SLOW_TESTS,
          pool: 'forks',
          // Sweeps over every adapter and fixture: a minute on a busy 2-core machine. The timeout here
          // only catches a hang (speed is measured in `npm run bench`).
          testTimeout: 180_000,
        },
      },
    ],
  },
});
