import { getScenario } from '@entanglement/shared';
import type { Browser, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');
const scenario = getScenario('tutorial-1950');

useSuiteBrowser((launched) => {
  browser = launched;
});

const phaseOf = (page: Page) => page.getByTestId('phase').textContent();
const roundOf = (page: Page) => page.locator('.status-bar__round').textContent();

async function openTab(page: Page, tab: string): Promise<void> {
  await page.locator(`[data-tab="${tab}"]`).click();
}

/** Marks the seat done; the last seat to be done ends the phase at once, so either is fine. */
async function clickDone(page: Page): Promise<void> {
  await openTab(page, 'orders');
  const before = `${await roundOf(page)} ${await phaseOf(page)}`;
  const done = page.locator('#pane-orders button[data-key="done"]');
  await done.click();
  await expect
    .poll(async () => {
      const now = `${await roundOf(page)} ${await phaseOf(page)}`;
      return now !== before || (await done.getAttribute('aria-pressed')) === 'true';
    })
    .toBe(true);
}

/** The seat's own tracks as its "My state" tab shows them: label → number. */
async function ownTracks(page: Page): Promise<Record<string, number>> {
  await openTab(page, 'me');
  const pairs = await page.locator('#pane-me .pnl-tracks').evaluate((dl) => {
    const out: [string, string][] = [];
    for (const dt of dl.querySelectorAll('dt'))
      out.push([
        dt.textContent ?? '',
        dt.nextElementSibling?.querySelector('strong')?.textContent ?? '',
      ]);
    return out;
  });
  return Object.fromEntries(pairs.map(([k, v]) => [k, Number.parseInt(v, 10)]));
}

/** The public tracks of every seat as a spectator's "My state" table shows them. */
async function publicTracks(page: Page): Promise<Record<string, number[]>> {
  await openTab(page, 'me');
  const rows = await page
    .locator('#pane-me table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')?.textContent ?? '',
        [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)),
      ]),
    );
  return Object.fromEntries(rows as [string, number[]][]);
}

test('a host and two players create, join by code, play two rounds by clicking and see the same outcome', async () => {
  const host = await Person.open(browser, 'host');
  const ana = await Person.open(browser, 'ana');
  const ben = await Person.open(browser, 'ben', { width: 390, height: 844 });
  const people = [host, ana, ben];
  host.page.on('dialog', (dialog) => void dialog.accept());

  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';

  for (const [person, name, seat] of [
    [ana, 'Ana', 'china'],
    [ben, 'Ben', 'ussr'],
  ] as const) {
    await person.page.goto(base);
    await person.page.getByLabel('Join code').fill(code);
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

  for (const round of [1, 2]) {
    for (const p of people) {
      await expect.poll(() => phaseOf(p.page), { timeout: 20_000 }).toBe('Briefing');
      await expect.poll(() => roundOf(p.page)).toContain(`Round ${round} of 3`);
    }
    // The line under the status bar says what is asked now, and the Briefing shows the goals.
    await expect
      .poll(() => ana.page.getByTestId('now-ask').textContent())
      .toBe('Read the new crises and your goals, then press Ready.');
    await expect
      .poll(() => ana.page.getByTestId('now-goals').textContent())
      .toContain('stars against a par');
    // Briefing: both players are done, the bot too, so the phase ends at once.
    await clickDone(ana.page);
    await clickDone(ben.page);
    for (const p of people)
      await expect.poll(() => phaseOf(p.page), { timeout: 20_000 }).toBe('Negotiate & Commit');

    // Negotiate & Commit: the line asks for orders, and says what stands if she does nothing.
    await expect
      .poll(() => ana.page.getByTestId('now-ask').textContent())
      .toMatch(/^Spend your \d+ action points? on orders/);
    await expect
      .poll(() => ana.page.getByTestId('now-default').textContent())
      .toContain('If you do nothing: your orders stand as drafted');
    await expect.poll(() => ana.page.getByTestId('now-goals').textContent()).toBe('');
    // Ana invests (an order chosen by clicking), then both are done.
    await openTab(ana.page, 'orders');
    const invest = ana.page.locator('#pane-orders button[data-key="order-invest:add"]');
    await invest.click();
    await expect.poll(() => ana.page.locator('#pane-orders').textContent()).toContain('Invest');
    await clickDone(ana.page);
    await clickDone(ben.page);
    for (const p of people)
      await expect.poll(() => phaseOf(p.page), { timeout: 20_000 }).toBe('Resolution');

    // The account opens on what happened to Ana's seat, before the whole round.
    await expect
      .poll(() => ana.page.getByTestId('what-happened-to-you').textContent(), { timeout: 20_000 })
      .toContain(`What happened to you in round ${round}`);
    if (round === 1) {
      // China's treaty partner pulled it into Korea: Ana is asked why, and answers in one line.
      const question = ana.page.locator('.reflections__form').first();
      await expect.poll(() => question.textContent(), { timeout: 20_000 }).toContain('China');
      await question.getByLabel('Your answer').fill('We owed Moscow for the treaty.');
      await question.getByRole('button', { name: 'Answer' }).click();
    }
    // Resolution: in round 1 the teacher moves on from the host tab; in round 2 the players say they are done.
    if (round === 1) {
      await openTab(host.page, 'host');
      await host.page.getByRole('button', { name: 'End this phase now' }).click();
    } else {
      await clickDone(ana.page);
      await clickDone(ben.page);
    }
  }
  for (const p of people) {
    await expect.poll(() => roundOf(p.page), { timeout: 20_000 }).toContain('Round 3 of 3');
    await p.page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  }

  // The same outcome: each player's own tracks are what the teacher sees for that seat.
  const table = await publicTracks(host.page);
  for (const [person, seat] of [
    [ana, 'china'],
    [ben, 'ussr'],
  ] as const) {
    const short = scenario.actors.find((a) => a.id === seat)!.short;
    const mine = await ownTracks(person.page);
    expect(table[short]).toEqual([
      mine.Power,
      mine.Wealth,
      mine.Autonomy,
      mine.Reputation,
      mine.Security,
    ]);
  }
  // Two rounds of investing changed China's Wealth from where it started.
  const start = scenario.actors.find((a) => a.id === 'china')!.start.wealth;
  expect(table[scenario.actors.find((a) => a.id === 'china')!.short]![1]).not.toBe(start);

  await openTab(ana.page, 'account');
  await ana.screenshot('play-ana.png');
  await ben.screenshot('play-ben-phone.png');
  await openTab(host.page, 'done');
  await host.screenshot('play-host.png');

  const errors = people.flatMap((p) => p.errors);
  expect(errors, errors.join('\n')).toEqual([]);
});
