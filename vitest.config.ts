import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'shared/scripts/**/*.test.ts',
      'server/src/**/*.test.ts',
      'client/src/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'tests/e2e/**'],
    // Longer than EVENT_WAIT_MS (server/src/rooms/test-clients.ts): a stuck wait reports what it saw.
    testTimeout: 90_000,
    // Hooks start servers and databases: on a loaded machine that takes far longer than Vitest's 10 s default.
    hookTimeout: 120_000,
    // CI also writes a JSON summary so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: 'test-results/vitest.json' } : undefined,
  },
});
