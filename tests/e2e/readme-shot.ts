/**
 * Takes the README's screenshot of a match in progress:
 *   npx tsx tests/e2e/readme-shot.ts   (after npm run build)
 * A real server in a child process, the main scenario, a player on China's
 * seat in Negotiate & Commit with the map and the crisis tab.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killServer, spawnServer } from '../../server/src/testing/spawn-server.ts';
import { launch } from './browser.ts';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'images', 'match-in-progress.png');
const dir = await mkdtemp(join(tmpdir(), 'entanglement-shot-'));
const server = await spawnServer(join(dir, 'data'));
const browser = await launch();
try {
  const page = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 } })
  ).newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.base);
  await page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await page.getByRole('button', { name: 'Create the match' }).click();
  await page.locator('[data-seat="china"]').getByRole('button', { name: 'Take this seat' }).click();
  await page.getByTestId('start').click();
  await page.locator('[data-tab="host"]').click();
  await page.getByRole('button', { name: 'End this phase now' }).click();
  await page.getByTestId('phase').filter({ hasText: 'Negotiate & Commit' }).waitFor();
  await page.locator('[data-tab="orders"]').click();
  await page.locator('#pane-orders button[data-key="order-invest:add"]').click();
  await page.locator('[data-tab="crises"]').click();
  await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await killServer(server);
  await rm(dir, { recursive: true, force: true });
}
