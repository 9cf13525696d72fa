import type { Browser, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

const phaseOf = (page: Page) => page.getByTestId('phase').textContent();
/** Screenshots to look at, outside the repository. */
const shot = (p: Person, file: string, fullPage = false) =>
  p.page.screenshot({ path: `/tmp/away-${file}`, fullPage });

async function join(p: Person, code: string, name: string, seat: string) {
  await p.page.goto(`${base}/join/${code}`);
  await p.page.getByLabel('Your name').first().fill(name);
  await p.page.getByRole('button', { name: 'Join', exact: true }).click();
  await p.page
    .locator(`[data-seat="${seat}"]`)
    .getByRole('button', { name: 'Take this seat' })
    .click();
}

/** The host ends the phase from the host tab and waits until the page shows `next`. */
async function skipTo(host: Page, next: string): Promise<void> {
  await host.getByRole('button', { name: 'End this phase now' }).click();
  await expect.poll(() => phaseOf(host), { timeout: 20_000 }).toBe(next);
}

test('away players and a rematch: a silent seat is marked away and taken back; the rematch reaches the end screen and another person’s My matches', async () => {
  const host = await Person.open(browser, 'host');
  const ana = await Person.open(browser, 'ana', { width: 390, height: 844 });
  const lee = await Person.open(browser, 'lee');
  const people = [host, ana, lee];
  host.page.on('dialog', (dialog) => void dialog.accept());

  // The host chooses deadlines of a day and a bot after one silent deciding phase.
  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByLabel('Phase timers').selectOption('day');
  expect(await host.page.locator('#create-away').isChecked()).toBe(true);
  await host.page.getByLabel('Silent deciding phases before a bot plays').fill('1');
  await host.page.setViewportSize({ width: 390, height: 844 });
  await host.page.locator('#create-away').scrollIntoViewIfNeeded();
  await shot(host, 'create-390.png');
  await host.page.setViewportSize({ width: 1280, height: 800 });
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';

  await join(ana, code, 'Ana', 'china');
  await join(lee, code, 'Lee', 'ussr');
  // Everyone sees the rule in the lobby.
  await expect
    .poll(() => ana.page.getByTestId('away-rule').textContent())
    .toBe(
      'Away players: a bot plays a seat whose people sent nothing for 1 deciding phase, until one of them comes back with their pass.',
    );
  await shot(ana, 'lobby-390.png', true);
  await host.page.getByTestId('start').click();
  await expect.poll(() => phaseOf(ana.page), { timeout: 30_000 }).toBe('Briefing');

  // Lee orders (Done); Ana stays silent through Negotiate & Commit.
  await host.page.locator('[data-tab="host"]').click();
  await skipTo(host.page, 'Negotiate & Commit');
  await expect.poll(() => phaseOf(lee.page)).toBe('Negotiate & Commit');
  await lee.page.getByRole('button', { name: 'Done for this phase' }).click();
  await skipTo(host.page, 'Resolution');

  // Ana is told, with the control that takes her seat back; Lee sees China marked away.
  const notice = ana.page.getByTestId('away-notice');
  await expect.poll(() => notice.isVisible(), { timeout: 20_000 }).toBe(true);
  expect(await notice.textContent()).toContain(
    'Your seat sent nothing for 1 deciding phase: a bot is playing it for you until you take it back.',
  );
  await lee.page.locator('[data-tab="done"]').click();
  const china = lee.page.locator('.submissions__seat[data-seat="china"]');
  await expect.poll(() => china.getAttribute('data-away')).toBe('true');
  expect(await china.textContent()).toContain('away: a bot plays until they come back');
  await expect
    .poll(() => lee.page.locator('.submissions__seat[data-seat="ussr"]').getAttribute('data-away'))
    .toBe('false');
  await shot(ana, 'notice-390.png');
  await shot(lee, 'marked-1280.png');

  await notice.getByRole('button', { name: 'I’m back: take my seat back' }).click();
  await expect.poll(() => notice.isVisible()).toBe(false);
  await expect.poll(() => china.getAttribute('data-away')).toBe('false');

  // The host ends the match; Lee has closed her tab by then.
  await lee.page.close();
  await host.page.getByRole('button', { name: 'End the match' }).click();
  await expect
    .poll(() => ana.page.getByRole('heading', { name: 'Match over' }).count(), { timeout: 20_000 })
    .toBe(1);

  // Only the host is offered the rematch; Ana, still on the end screen, is told where it is.
  expect(await ana.page.getByTestId('rematch').isVisible()).toBe(false);
  await host.page.getByTestId('rematch').click();
  const open = ana.page.getByTestId('rematch-open');
  await expect.poll(() => open.isVisible(), { timeout: 20_000 }).toBe(true);
  await shot(ana, 'end-390.png', true);
  await shot(host, 'end-1280.png', true);

  // Lee, away from the end screen, finds it on My matches with her old pass, and lands at her seat.
  const mine = await lee.context.newPage();
  await mine.goto(`${base}/mine`);
  const row = mine.locator('.my-match');
  await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
  expect(await row.textContent()).toContain('Lobby: not started');
  await row.getByRole('button', { name: 'Open' }).click();
  await expect
    .poll(() => mine.locator('[data-seat="ussr"]').textContent(), { timeout: 20_000 })
    .toContain('Lee (you)');

  // Ana follows the link: the same seat, China, in the rematch's lobby.
  await open.click();
  await expect
    .poll(() => ana.page.locator('[data-seat="china"]').textContent(), { timeout: 20_000 })
    .toContain('Ana (you)');

  const errors = people.flatMap((p) => p.errors);
  expect(errors, errors.join('\n')).toEqual([]);
});
