import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  killServer,
  type ServerProcess,
  spawnServer,
} from '../../server/src/testing/spawn-server.ts';
import { launch, Person } from './browser.ts';

let browser: Browser;
let dir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'entanglement-e2e-restart-'));
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await killServer(server);
  await rm(dir, { recursive: true, force: true });
});

test('after the server is killed mid-match the page shows a banner, then comes back to the same seat', async () => {
  const first = await spawnServer(join(dir, 'data'));
  servers.push(first);
  const port = new URL(first.base).port;
  const teacher = await Person.open(browser, 'teacher');
  const page = teacher.page;
  await page.goto(first.base);
  await page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await page.getByLabel('Scenario').selectOption('tutorial-1950');
  await page.getByRole('button', { name: 'Create the match' }).click();
  await page.locator('[data-seat="china"]').getByRole('button', { name: 'Take this seat' }).click();
  await page.getByTestId('start').click();
  await expect.poll(() => page.getByTestId('phase').textContent()).toBe('Briefing');
  const matchUrl = page.url();

  const killedAt = Date.now();
  await killServer(first);
  await expect
    .poll(() => page.locator('.banner').textContent(), { timeout: 30_000 })
    .toContain('Connection lost');

  servers.push(await spawnServer(join(dir, 'data'), { PORT: port }));
  await expect.poll(() => page.locator('.banner').isVisible(), { timeout: 60_000 }).toBe(false);
  const backAt = Date.now();
  expect(page.url()).toBe(matchUrl);
  await expect.poll(() => page.getByTestId('phase').textContent()).toBe('Briefing');
  await expect
    .poll(() => page.locator('.status-bar__seat').textContent())
    .toContain('People’s Republic of China');
  // The map too: a load cut off by the outage is tried again.
  await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await teacher.screenshot('after-restart.png');

  const unexpected = teacher.unexpectedErrors({
    from: killedAt,
    to: backAt,
    origin: new URL(first.base).origin,
  });
  expect(unexpected, unexpected.join('\n')).toEqual([]);
});
