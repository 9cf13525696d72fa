import type { Browser } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`the map's actors are reached and read by keyboard, and Enter chooses one as a click does (${viewport.width} px)`, async () => {
    const learner = await Person.open(browser, 'learner', viewport);
    const { page } = learner;
    await page.goto(base);
    await page.getByTestId('learn').click();
    await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
    const names = await page
      .locator('.wm-actor')
      .evaluateAll((bs) => bs.map((b) => (b.textContent ?? '').trim()));
    // Every actor of the scenario is in the list, the seat played here marked as the viewer's.
    expect(names.length).toBeGreaterThan(4);
    expect(names.filter((n) => n.endsWith('(you)'))).toHaveLength(1);
    await expect.poll(() => page.locator('.wm-actors').isVisible()).toBe(true);
    // Out of sight until reached: one pixel wide.
    expect((await page.locator('.wm-actors').boundingBox())?.width).toBeLessThanOrEqual(1);

    // Crisis titles whose marker is on the map are wholly inside it: none is cut at a side.
    await expect.poll(() => page.locator('.wm-crisis-title').count()).toBeGreaterThan(0);
    const cut = await page.evaluate(() => {
      const map = document.querySelector('.wm-root')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('.wm-crisis')].flatMap((marker) => {
        const at = marker.getBoundingClientRect();
        if (at.left < map.left || at.left > map.right) return [];
        const title = marker.querySelector('.wm-crisis-title')!.getBoundingClientRect();
        return title.left < map.left || title.right > map.right ? [marker.textContent] : [];
      });
    });
    expect(cut).toEqual([]);
    await page
      .locator('.wm-root')
      .screenshot({ path: `/tmp/a11y-crisis-titles-${viewport.width}.png` });

    // From the map, Tab reaches the first actor: the list shows and its tooltip reads it out.
    await page.locator('.wm-root').focus();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.actor ?? '');
    const first = await focused();
    expect(first).not.toBe('');
    expect((await page.locator('.wm-actors').boundingBox())?.width).toBeGreaterThan(100);
    const tip = page.locator('.wm-tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const title = () => page.locator('.wm-tooltip-title').textContent();
    expect(names[0]).toContain(await title());
    // The tooltip is the focused button's description: what a screen reader reads after its name.
    const described = await page.evaluate(() => {
      const id = document.activeElement?.getAttribute('aria-describedby');
      return id ? (document.getElementById(id)?.textContent ?? '') : '';
    });
    expect(described).toContain('Power');

    // Tab moves to the next actor and the tooltip follows it; Enter chooses it, as a click would.
    await page.keyboard.press('Tab');
    const second = await focused();
    expect(second).not.toBe(first);
    await expect.poll(title).toBe(names[1]!.replace(/ \(you\)$/, ''));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.wm-root').getAttribute('data-selected')).toBe(second);
    await expect.poll(() => tip.isVisible()).toBe(true);
    await page.screenshot({ path: `/tmp/a11y-map-keyboard-${viewport.width}.png` });
    // Escape on the map clears the choice.
    await page.locator('.wm-root').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.wm-root').getAttribute('data-selected')).toBe('');
    expect(learner.errors, learner.errors.join('\n')).toEqual([]);
  });
}
