import { defineConfig } from 'vitest/config';

/** Browser tests (tests/e2e): one built client, one server process, Chromium through playwright-core. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 180_000,
    // A browser on a busy 2-core machine can take seconds to show a server update.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 120_000,
    // The tests share one server and a 2-core machine: one file at a time.
    fileParallelism: false,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: 'test-results/e2e.json' } : undefined,
  },
});
