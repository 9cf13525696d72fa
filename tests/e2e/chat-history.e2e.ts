import type { Browser, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

async function say(page: Page, channel: string, text: string): Promise<void> {
  await page.locator('[data-tab="chat"]').click();
  await page.getByLabel('Send to').selectOption(channel);
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => page.locator('.chat__log').textContent()).toContain(text);
}

test('the chat a player may read comes back after a reload, and everyone is told the host reads it all after the match', async () => {
  const host = await Person.open(browser, 'host');
  const ana = await Person.open(browser, 'ana', { width: 390, height: 844 });
  const ben = await Person.open(browser, 'ben');
  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';
  for (const [person, name, seat] of [
    [ana, 'Ana', 'china'],
    [ben, 'Ben', 'ussr'],
  ] as const) {
    await person.page.goto(`${base}/join/${code}`);
    await person.page.getByLabel('Your name').first().fill(name);
    await person.page.getByRole('button', { name: 'Join', exact: true }).click();
    await person.page
      .locator(`[data-seat="${seat}"]`)
      .getByRole('button', { name: 'Take this seat' })
      .click();
    await person.page.getByRole('button', { name: 'I am ready' }).click();
  }
  await expect.poll(() => host.page.locator('.ready-mark.is-ready').count()).toBe(2);
  await host.page.getByTestId('start').click();
  await expect
    .poll(() => ana.page.getByTestId('phase').textContent(), { timeout: 30_000 })
    .toBe('Briefing');

  await ana.page.locator('[data-tab="chat"]').click();
  await expect
    .poll(() => ana.page.getByTestId('chat-privacy').textContent())
    .toContain('After the match the host can read every channel');
  await say(ana.page, 'public', 'Hello class');
  await say(ana.page, 'team', 'Our plan: stay out of Korea');
  await say(ben.page, 'private:china', 'Moscow remembers the treaty');
  await expect
    .poll(() => ana.page.locator('.chat__log').textContent())
    .toContain('Moscow remembers');

  await ana.page.reload();
  await expect
    .poll(() => ana.page.getByTestId('phase').textContent(), { timeout: 30_000 })
    .toBe('Briefing');
  await ana.page.locator('[data-tab="chat"]').click();
  const log = ana.page.locator('.chat__log');
  for (const text of ['Hello class', 'Our plan: stay out of Korea', 'Moscow remembers the treaty'])
    await expect.poll(() => log.textContent()).toContain(text);
  // In the order they were written.
  const lines = await log.locator('.chat__text').allTextContents();
  expect(lines).toEqual([
    'Hello class',
    'Our plan: stay out of Korea',
    'Moscow remembers the treaty',
  ]);
  await ana.screenshot('chat-after-reload-phone.png');

  // Ben reloads: the public line and his own private line, never China's team line.
  await ben.page.reload();
  await expect
    .poll(() => ben.page.getByTestId('phase').textContent(), { timeout: 30_000 })
    .toBe('Briefing');
  await ben.page.locator('[data-tab="chat"]').click();
  await expect
    .poll(() => ben.page.locator('.chat__log').textContent())
    .toContain('Moscow remembers');
  expect(await ben.page.locator('.chat__log').textContent()).toContain('Hello class');
  expect(await ben.page.locator('.chat__log').textContent()).not.toContain('Our plan');

  const errors = [...host.errors, ...ana.errors, ...ben.errors];
  expect(errors, errors.join('\n')).toEqual([]);
});
