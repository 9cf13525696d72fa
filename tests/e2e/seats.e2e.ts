import type { Browser, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';
import { skipPhase } from './every-page.ts';

let browser: Browser;
const base = inject('baseUrl');
const CHINA = 'People’s Republic of China';

useSuiteBrowser((launched) => {
  browser = launched;
});

const youAre = (page: Page) => page.locator('.status-bar__seat').textContent();
/** Screenshots to look at, outside the repository. */
const shot = (p: Person, file: string) => p.page.screenshot({ path: `/tmp/seats-${file}` });

async function join(p: Person, code: string, name: string) {
  await p.page.goto(base);
  await p.page.getByLabel('Join code').fill(code);
  await p.page.getByLabel('Your name').first().fill(name);
  await p.page.getByRole('button', { name: 'Join', exact: true }).click();
}

test('seats during play: the host assigns, a latecomer asks and is approved, a seat goes to a bot and back, the end screen credits each person', async () => {
  const host = await Person.open(browser, 'host');
  const ana = await Person.open(browser, 'ana');
  const lee = await Person.open(browser, 'lee', { width: 390, height: 844 });
  const people = [host, ana, lee];
  host.page.on('dialog', (dialog) => void dialog.accept());

  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';

  // The host locks seating and assigns Ana to China.
  await host.page.getByTestId('lock-seating').click();
  await join(ana, code, 'Ana');
  await expect
    .poll(() => ana.page.locator('[data-seat="china"]').textContent())
    .toContain('The host assigns seats');
  await host.page.getByLabel('Seat for Ana').selectOption('china');
  await expect
    .poll(() => ana.page.locator('[data-seat="china"]').textContent())
    .toContain('Your seat');
  await host.page.getByTestId('start').click();
  await expect.poll(() => youAre(ana.page), { timeout: 20_000 }).toContain(`You: ${CHINA}`);

  // Lee comes late: she watches, asks to join China's team, and the host approves.
  await join(lee, code, 'Lee');
  const ask = lee.page.getByRole('region', { name: 'Join the match' });
  await expect.poll(() => ask.isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => youAre(lee.page)).toBe('Watching');
  await lee.page.getByTestId('request-seat').selectOption('china');
  await ask.getByRole('button', { name: 'Ask the host' }).click();
  await expect.poll(() => ask.textContent()).toContain(`You asked for ${CHINA}`);
  await host.page.locator('[data-tab="host"]').click();
  const requests = host.page.getByTestId('seat-requests');
  await expect.poll(() => requests.textContent()).toContain(`Lee asks to join ${CHINA}`);
  await shot(lee, 'ask-390.png');
  await shot(host, 'requests-1280.png');
  await requests.getByRole('button', { name: 'Approve' }).click();
  await expect
    .poll(() => lee.page.getByTestId('seat-notice').textContent())
    .toContain(`The host gave you a place at ${CHINA}`);
  await expect.poll(() => youAre(lee.page)).toContain(`You: ${CHINA}`);
  await expect.poll(() => requests.textContent()).toContain('Nobody is asking for a seat.');

  // Into round 2, then the host hands China to a bot: both are told and watch.
  while (!(await host.page.locator('.status-bar__round').textContent())?.includes('Round 2'))
    await skipPhase(host.page);
  await host.page.locator('#bot-seat').selectOption('china');
  await host.page.getByRole('button', { name: 'Hand to a bot' }).click();
  for (const p of [ana, lee]) {
    await expect
      .poll(() => p.page.getByTestId('seat-notice').textContent())
      .toContain(`The host handed ${CHINA} to a bot; you are now watching.`);
    await expect.poll(() => youAre(p.page)).toBe('Watching');
  }
  await shot(ana, 'handed-to-bot-1280.png');
  await shot(lee, 'handed-to-bot-390.png');

  // The host gives China back to Ana (the bot's seat, to a person here).
  await host.page.getByTestId('bot-seat-back').selectOption('china');
  const anaId = await host.page
    .getByTestId('bot-seat-who')
    .locator('option', { hasText: 'Ana (watching)' })
    .getAttribute('value');
  await host.page.getByTestId('bot-seat-who').selectOption(anaId!);
  await host.page.getByRole('button', { name: 'Give them this seat' }).click();
  await expect.poll(() => youAre(ana.page)).toContain(`You: ${CHINA}`);
  await shot(host, 'host-controls-1280.png');

  // The match is played to its end by the host's skips; the ranking credits each person at China.
  while ((await host.page.getByRole('heading', { name: 'Match over' }).count()) === 0)
    await skipPhase(host.page);
  const chinaRow = (p: Page) =>
    p
      .getByTestId('ranking')
      .locator('li.ranking__row', { hasText: CHINA })
      .locator('.ranking__who');
  await expect
    .poll(() => chinaRow(ana.page).textContent(), { timeout: 20_000 })
    .toBe('Ana (rounds 1–2), Lee (rounds 1–2), bot (round 2), Ana (rounds 2–3)');
  await expect.poll(() => chinaRow(lee.page).textContent(), { timeout: 20_000 }).toContain('Lee');
  await shot(ana, 'end-1280.png');
  await shot(lee, 'end-390.png');

  const errors = people.flatMap((p) => p.errors);
  expect(errors, errors.join('\n')).toEqual([]);
});
