import { spawnSync } from 'node:child_process';
import { chromiumPath } from './chromium.ts';

/**
 * `npm run test:e2e`: runs the browser tests when Chromium is installed. On a
 * machine without it they cannot run: this says so plainly and, unless
 * REQUIRE_BROWSER_TESTS is set (CI sets it), does not fail the test command.
 */
const browser = chromiumPath();
if (!browser) {
  const message =
    'Browser tests NOT RUN: Chromium was not found at /usr/bin/chromium (set CHROMIUM_PATH, ' +
    'or on Debian/Ubuntu: sudo apt-get install chromium).';
  if (process.env.REQUIRE_BROWSER_TESTS) {
    console.error(`${message} REQUIRE_BROWSER_TESTS is set, so this is a failure.`);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: browser },
  },
);
process.exit(result.status ?? 1);
