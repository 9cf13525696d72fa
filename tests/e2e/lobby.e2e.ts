import type { Browser } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const people: Person[] = [];
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

async function person(name: string, viewport?: { width: number; height: number }) {
  const p = await Person.open(browser, name, viewport);
  people.push(p);
  return p;
}

test('a host creates a match, a player joins by its link, the projector shows the code and seats', async () => {
  const host = await person('host');
  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  expect(host.page.url()).toMatch(/\/match\//);

  const player = await person('player', { width: 390, height: 844 });
  await player.page.goto(`${base}/join/${code}`);
  await expect.poll(() => player.page.getByLabel('Join code').inputValue()).toBe(code);
  await player.page.getByLabel('Your name').first().fill('Sam');
  await player.page.getByRole('button', { name: 'Join', exact: true }).click();
  await player.page
    .locator('[data-seat="china"]')
    .getByRole('button', { name: 'Take this seat' })
    .click();
  await expect
    .poll(() => player.page.locator('[data-seat="china"]').textContent())
    .toContain('Your seat');
  await expect.poll(() => host.page.locator('[data-seat="china"]').textContent()).toContain('Sam');

  // The projector is a spectator on the host's machine: the code large, the seats filling up.
  const projector = await host.context.newPage();
  await projector.goto(`${host.page.url()}?projector`);
  await expect.poll(() => projector.getByTestId('join-code').textContent()).toBe(code);
  await expect.poll(() => projector.locator('.projector__seats li.is-taken').count()).toBe(1);

  // A reload brings the player back to the same seat.
  await player.page.reload();
  await expect
    .poll(() => player.page.locator('[data-seat="china"]').textContent())
    .toContain('Your seat');
  await player.screenshot('lobby-phone.png');
  await host.screenshot('lobby-host.png');

  const errors = people.flatMap((p) => p.errors);
  expect(errors, errors.join('\n')).toEqual([]);
});
