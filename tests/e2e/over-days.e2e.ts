import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, SCREENSHOTS, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

test('a match over days: 24-hour deadlines shown in local time, capped extensions, and My matches says whose orders are missing', async () => {
  const host = await Person.open(browser, 'host');
  const ana = await Person.open(browser, 'ana', { width: 390, height: 844 });
  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByLabel('Phase timers').selectOption('day');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';
  await ana.page.goto(`${base}/join/${code}`);
  await ana.page.getByLabel('Your name').first().fill('Ana');
  await ana.page.getByRole('button', { name: 'Join', exact: true }).click();
  await ana.page
    .locator('[data-seat="china"]')
    .getByRole('button', { name: 'Take this seat' })
    .click();
  await host.page.getByTestId('start').click();
  await expect
    .poll(() => ana.page.getByTestId('phase').textContent(), { timeout: 30_000 })
    .toBe('Briefing');

  // The Briefing lasts an hour: time left, and its end in Ana's own clock.
  const clock = ana.page.locator('.status-bar__clock');
  await expect.poll(() => clock.textContent()).toMatch(/^(1 h 0 min|59:\d\d) · ends /);

  // The host extends: the button says by how much and how many are left, for everyone the same.
  await host.page.locator('[data-tab="host"]').click();
  const extend = host.page.getByRole('button', { name: /^Extend \+/ });
  await expect.poll(() => extend.textContent()).toBe('Extend +15 min (3 left)');
  await extend.click();
  await expect.poll(() => extend.textContent()).toBe('Extend +15 min (2 left)');

  // My matches, from Ana's browser: her orders are missing, with the deadline.
  const mine = await ana.page.context().newPage();
  await mine.goto(`${base}/mine`);
  const row = mine.locator('.my-match');
  await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
  expect(await mine.getByRole('heading', { name: /^Waiting on you/ }).count()).toBe(1);
  await expect.poll(() => row.textContent()).toContain('Your orders are missing');
  const text = (await row.textContent()) ?? '';
  expect(text).toContain('Round 1 of');
  expect(text).toContain('Briefing');
  // The host's extension is in the server's deadline: over an hour left now.
  expect(text).toMatch(/1 h \d+ min left · ends /);
  await mine.setViewportSize({ width: 390, height: 844 });
  await mine.screenshot({ path: join(SCREENSHOTS, 'my-matches-phone.png'), fullPage: true });

  const errors = [...host.errors, ...ana.errors];
  expect(errors, errors.join('\n')).toEqual([]);
});
