/** The test files of vitest's `slow` project (`npm run test:slow`); every other test file is `unit` (`npm test`). */
export const SLOW_TESTS = ['tests/hostile/**/*.test.ts', 'tests/perf/**/*.test.ts', 'tests/action/e2e.test.ts'];
