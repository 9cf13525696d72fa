import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { Person } from './browser.ts';

/** One page of the client, in the state a person sees it, handed to a check. */
export type PageCheck = (name: string, page: Page) => Promise<void>;

export const phaseOf = (page: Page) => page.getByTestId('phase').textContent();
const roundOf = (page: Page) => page.locator('.status-bar__round').textContent();
export const matchOver = (page: Page) => page.getByRole('heading', { name: 'Match over' }).count();

/** The host ends the phase from the host tab and waits until it has changed (or the match ended). */
export async function skipPhase(host: Page): Promise<void> {
  await host.locator('[data-tab="host"]').click();
  const before = `${await roundOf(host)} ${await phaseOf(host)}`;
  const moved = async () =>
    (await matchOver(host)) > 0 || `${await roundOf(host)} ${await phaseOf(host)}` !== before;
  await host.getByRole('button', { name: 'End this phase now' }).click();
  try {
    await expect.poll(moved, { timeout: 10_000 }).toBe(true);
  } catch {
    // On a busy machine a click can land while the host tab redraws: it is pressed once more.
    if (!(await moved())) await host.getByRole('button', { name: 'End this phase now' }).click();
    await expect.poll(moved, { timeout: 20_000 }).toBe(true);
  }
}

async function untilPhase(host: Page, phase: string): Promise<void> {
  while ((await phaseOf(host)) !== phase) await skipPhase(host);
}

/** Every tab of the game screen, each opened in turn and checked as `<prefix> tab <id>`. */
async function everyTab(prefix: string, page: Page, check: PageCheck): Promise<void> {
  const tabs = await page
    .locator('[role=tab][data-tab]:visible')
    .evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.tab ?? ''));
  expect(tabs.length).toBeGreaterThan(3);
  for (const tab of tabs) {
    await page.locator(`[data-tab="${tab}"]`).click();
    await expect
      .poll(() => page.locator(`#pane-${tab}`).isVisible(), { message: `${prefix}: tab ${tab}` })
      .toBe(true);
    await check(`${prefix} tab ${tab}`, page);
  }
}

/**
 * Walks every page of the client as people meet them, through the real
 * server: home, the tutorial, a join link, the lobby (host and player), the
 * game screen with each of its tabs (player and host, while orders are drafted
 * and at Resolution), the projector, My matches, the end screen, the replay and
 * the archive. `check` runs on each, once its content is on screen. The
 * browser tests for accessibility and phone width share this one list.
 */
export async function everyPage(
  browser: Browser,
  base: string,
  viewport: { width: number; height: number },
  check: PageCheck,
): Promise<Person[]> {
  const host = await Person.open(browser, 'host', viewport);
  const ana = await Person.open(browser, 'ana', viewport);
  const learner = await Person.open(browser, 'learner', viewport);
  host.page.on('dialog', (dialog) => void dialog.accept());

  await host.page.goto(base);
  await expect.poll(() => host.page.getByTestId('learn').isVisible()).toBe(true);
  await check('home', host.page);

  await learner.page.goto(base);
  await learner.page.getByTestId('learn').click();
  await expect.poll(() => learner.page.getByTestId('coach').isVisible(), { timeout: 30_000 });
  await learner.page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await check('tutorial', learner.page);

  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';
  await check('lobby (host)', host.page);

  await ana.page.goto(`${base}/join/${code}`);
  await expect.poll(() => ana.page.getByLabel('Your name').first().isVisible()).toBe(true);
  await check('join', ana.page);
  await ana.page.getByLabel('Your name').first().fill('Ana');
  await ana.page.getByRole('button', { name: 'Join', exact: true }).click();
  await ana.page
    .locator('[data-seat="china"]')
    .getByRole('button', { name: 'Take this seat' })
    .click();
  await ana.page.getByRole('button', { name: 'I am ready' }).click();
  await check('lobby (player)', ana.page);
  await expect.poll(() => host.page.locator('.ready-mark.is-ready').count()).toBe(1);
  await host.page.getByTestId('start').click();

  await expect.poll(() => phaseOf(host.page), { timeout: 20_000 }).toBe('Briefing');
  await host.page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await untilPhase(host.page, 'Negotiate & Commit');
  await expect.poll(() => phaseOf(ana.page)).toBe('Negotiate & Commit');
  await ana.page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await everyTab('game (player, orders)', ana.page, check);
  await everyTab('game (host)', host.page, check);

  const projector = await host.context.newPage();
  await projector.goto(`${host.page.url()}?projector`);
  await expect.poll(() => projector.getByTestId('clock').isVisible()).toBe(true);
  await check('projector', projector);

  await host.page.goto(`${base}/mine`);
  await expect.poll(() => host.page.locator('main').textContent()).toContain('Tutorial: 1950');
  await check('my matches', host.page);
  await host.page.goBack();
  await expect.poll(() => phaseOf(host.page), { timeout: 20_000 }).toBe('Negotiate & Commit');

  await untilPhase(host.page, 'Resolution');
  await expect.poll(() => phaseOf(ana.page)).toBe('Resolution');
  await everyTab('game (player, resolution)', ana.page, check);
  await check('projector (resolution)', projector);
  await projector.close();

  while ((await matchOver(host.page)) === 0) await skipPhase(host.page);
  await expect.poll(() => matchOver(ana.page), { timeout: 20_000 }).toBe(1);
  await check('end (host)', host.page);
  await check('end (player)', ana.page);

  const replay = host.page.getByRole('link', { name: /replay/i }).first();
  await replay.click();
  await expect
    .poll(() => host.page.getByTestId('replay-account').isVisible(), { timeout: 30_000 })
    .toBe(true);
  await check('replay', host.page);

  await host.page.goto(`${base}/archive`);
  await expect.poll(() => host.page.locator('main').textContent()).toContain('Tutorial: 1950');
  await check('archive', host.page);
  return [host, ana, learner];
}
