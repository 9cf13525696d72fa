import type { Browser, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

const stepOf = (page: Page) => page.getByTestId('coach').getAttribute('data-step');
const coachText = (page: Page) => page.getByTestId('coach').textContent();

/** Whether the coach outlines what `selector` finds (its style rule applies to it). */
async function outlined(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const node = document.querySelector(sel);
    return node !== null && getComputedStyle(node).outlineStyle === 'solid';
  }, selector);
}

/**
 * Does what the coach asks the way a learner would: when it outlines a tab,
 * opens it; then checks that the control is outlined and clicks it.
 */
async function follow(page: Page, tab: string, control: string): Promise<void> {
  const tabButton = `[data-tab="${tab}"]`;
  if ((await page.locator(tabButton).getAttribute('aria-selected')) !== 'true') {
    await expect.poll(() => outlined(page, tabButton)).toBe(true);
    await page.locator(tabButton).click();
  }
  const selector = `#pane-${tab} ${control}`;
  await expect.poll(() => outlined(page, selector)).toBe(true);
  await page.locator(selector).click();
}

async function atStep(page: Page, id: string): Promise<void> {
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBe(id);
}

test('a learner completes the tutorial alone by clicking what the coach outlines', async () => {
  const learner = await Person.open(browser, 'learner');
  const { page } = learner;
  await page.goto(base);
  await learner.screenshot('tutorial-0-home.png');
  await page.getByTestId('learn').click();

  // 1. The Briefing: the coach quotes the card's news and asks for Ready.
  await atStep(page, 'briefing');
  await expect.poll(() => page.url()).toMatch(/\/match\/[^/?]+\?tutorial$/);
  await expect.poll(() => coachText(page)).toContain('North Korean divisions');
  await expect.poll(() => coachText(page)).toContain('step 1 of 11');
  await learner.screenshot('tutorial-1-briefing.png');
  await follow(page, 'crises', '[data-key="done"]');

  // 2. Make an offer: the commitment ladder, China's ties as they stand.
  await atStep(page, 'offer');
  await expect.poll(() => coachText(page)).toContain('India: partnership');
  if ((await page.locator('[data-tab="orders"]').getAttribute('aria-selected')) !== 'true')
    await page.locator('[data-tab="orders"]').click();
  await page.locator('#pane-orders select[data-key="offer:to"]').selectOption('india');
  await page.locator('#pane-orders select[data-key="offer:what:india"]').selectOption('raise');
  await learner.screenshot('tutorial-2-offer.png');
  await follow(page, 'orders', '[data-key="offer:send"]');

  // 3. Answer the treaty call: the engine's cost of each answer, entrapment named.
  await atStep(page, 'answer');
  // The step is read from the match, not remembered: a reload lands on it again.
  await page.reload();
  await atStep(page, 'answer');
  await expect
    .poll(() => coachText(page))
    .toContain('Your stake here is low, so this is entrapment');
  await follow(page, 'crises', '[data-key$=":answer-honour"]');
  await learner.screenshot('tutorial-3-answer.png');

  // 4. Commit the round.
  await atStep(page, 'commit');
  await follow(page, 'orders', '[data-key="done"]');

  // 5. Entrapment happens: the account's sentence and the card's debrief.
  await atStep(page, 'entrapment');
  await expect.poll(() => coachText(page)).toMatch(/entrap/i);
  await expect.poll(() => coachText(page)).toContain('being drawn into a conflict by an ally');
  await learner.screenshot('tutorial-5-entrapment.png');
  await follow(page, 'orders', '[data-key="done"]');

  // 6. Round 2, entangled.
  await atStep(page, 'entangled');
  await follow(page, 'crises', '[data-key="done"]');

  // 7. Scale a partnership back: the engine's words for each lower.
  await atStep(page, 'scaleBack');
  await expect.poll(() => coachText(page)).toMatch(/India: .+ → /);
  if ((await page.locator('[data-tab="orders"]').getAttribute('aria-selected')) !== 'true')
    await page.locator('[data-tab="orders"]').click();
  await page.locator('#pane-orders select[data-key="lower:partner"]').selectOption('india');
  await learner.screenshot('tutorial-7-scale-back.png');
  await follow(page, 'orders', '[data-key="lower:go"]');

  // 8–9. Commit, then the account says what the lower did.
  await atStep(page, 'commitAgain');
  await follow(page, 'orders', '[data-key="done"]');
  await atStep(page, 'scaledBack');
  await expect.poll(() => coachText(page)).toContain('India');
  await follow(page, 'orders', '[data-key="done"]');

  // 10. The last round: Done in each phase.
  await atStep(page, 'lastRound');
  await learner.screenshot('tutorial-10-last-round.png');
  // The last round's resolution leads straight to the end screen.
  for (const phase of ['Briefing', 'Negotiate & Commit']) {
    await expect.poll(() => page.getByTestId('phase').textContent()).toBe(phase);
    await follow(page, phase === 'Briefing' ? 'crises' : 'orders', '[data-key="done"]');
  }

  // 11. The debrief of the match, under the end screen.
  await atStep(page, 'debrief');
  const debrief = page.getByTestId('tutorial-debrief');
  await expect.poll(() => debrief.textContent(), { timeout: 30_000 }).toContain('Entrapment');
  await expect.poll(() => debrief.textContent()).toContain('Swift scaling back');
  // The card now heads the debrief instead of floating over it.
  await expect.poll(() => page.locator('.coach-debrief [data-testid="coach"]').count()).toBe(1);
  await learner.screenshot('tutorial-11-debrief.png');

  expect(learner.errors, learner.errors.join('\n')).toEqual([]);
});

test('on a phone the coach leaves room for the control it outlines', async () => {
  const learner = await Person.open(browser, 'phone', { width: 390, height: 844 });
  const { page } = learner;
  await page.goto(base);
  await learner.screenshot('tutorial-phone-home.png');
  await page.getByTestId('learn').click();
  await atStep(page, 'briefing');
  await follow(page, 'crises', '[data-key="done"]');
  await atStep(page, 'offer');
  await expect.poll(() => outlined(page, '#pane-orders [data-key="offer:send"]')).toBe(true);
  await learner.screenshot('tutorial-phone-offer.png');
  // The outlined control is scrolled above the coach's card, not under it.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const control = document.querySelector('#pane-orders [data-key="offer:send"]');
        const card = document.querySelector('[data-testid="coach"]');
        if (!control || !card) return false;
        return control.getBoundingClientRect().bottom <= card.getBoundingClientRect().top;
      }),
    )
    .toBe(true);
  await learner.screenshot('tutorial-phone-offer.png');
  expect(learner.errors, learner.errors.join('\n')).toEqual([]);
});
