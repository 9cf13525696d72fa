import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, SCREENSHOTS, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

test('a teacher takes a hosted match to another device: the link opens My matches there as the host', async () => {
  const school = await Person.open(browser, 'school-pc');
  await school.page.goto(base);
  await school.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await school.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await school.page.getByRole('button', { name: 'Create the match' }).click();
  await expect.poll(() => school.page.getByTestId('join-code').count()).toBe(1);

  await school.page.goto(`${base}/mine`);
  await expect.poll(() => school.page.locator('.my-match').count(), { timeout: 30_000 }).toBe(1);
  await school.page.getByRole('button', { name: 'Take my matches to another device' }).click();
  const link = await school.page.getByTestId('carry-link').inputValue();
  expect(link.startsWith(`${base}/carry#`)).toBe(true);
  await school.page.screenshot({ path: join(SCREENSHOTS, 'carry-out.png'), fullPage: true });

  // The teacher's phone: a browser of its own, with nothing stored.
  const phone = await Person.open(browser, 'phone', { width: 390, height: 844 });
  await phone.page.goto(`${base}/mine`);
  await expect
    .poll(() => phone.page.getByText('No live match yet').count(), { timeout: 30_000 })
    .toBe(1);
  await phone.page.goto(link);
  await expect
    .poll(() => phone.page.getByRole('heading', { name: 'Matches from another device' }).count())
    .toBe(1);
  // The fragment with the keys is gone from the address bar at once.
  expect(phone.page.url()).toBe(`${base}/carry`);
  await expect.poll(() => phone.page.getByText('you host 1, you hold a seat in 0').count()).toBe(1);
  await phone.page.screenshot({ path: join(SCREENSHOTS, 'carry-in-phone.png'), fullPage: true });
  await phone.page.getByRole('button', { name: 'Keep them on this browser' }).click();
  await expect.poll(() => phone.page.url()).toBe(`${base}/mine`);
  const row = phone.page.locator('.my-match');
  await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
  await expect.poll(() => row.textContent()).toContain('You host');

  // A link cut short when copied says so and keeps nothing.
  const cut = await Person.open(browser, 'cut');
  await cut.page.goto(link.slice(0, link.length - 20));
  await expect
    .poll(() => cut.page.getByRole('alert').textContent())
    .toContain('carries no matches');

  const errors = [...school.errors, ...phone.errors, ...cut.errors];
  expect(errors, errors.join('\n')).toEqual([]);
});
