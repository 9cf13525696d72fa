import type { Browser, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { useSuiteBrowser } from './browser.ts';
import { everyPage } from './every-page.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

/** How far the page reaches past the viewport's right edge, and the widest elements that do it. */
async function sideways(page: Page): Promise<{ over: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - width;
    const culprits: string[] = [];
    if (over > 0)
      for (const node of document.querySelectorAll<HTMLElement>('body *')) {
        const box = node.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0 && getComputedStyle(node).position !== 'fixed')
          culprits.push(
            `${node.tagName.toLowerCase()}.${[...node.classList].join('.')} (${Math.round(box.right)} px)`,
          );
        if (culprits.length >= 5) break;
      }
    return { over, culprits };
  });
}

test('no page scrolls sideways on a 360 px phone, and no checkbox is squeezed', async () => {
  const found: string[] = [];
  const people = await everyPage(browser, base, { width: 360, height: 740 }, async (name, page) => {
    const { over, culprits } = await sideways(page);
    if (over > 0) {
      console.error(`${name}: ${over} px wider than the screen: ${culprits.join(', ')}`);
      found.push(`${name}: ${over} px wider than the screen: ${culprits.join(', ')}`);
      await page.screenshot({ path: `/tmp/a11y-360-${name.replace(/\W+/g, '-')}.png` });
    }
    // A checkbox beside a long label must not be squeezed (the class preset's was 6 px wide).
    const squeezed = await page
      .locator('input[type=checkbox]:visible, input[type=radio]:visible')
      .evaluateAll((boxes) =>
        boxes
          .filter((b) => b.getBoundingClientRect().width < 16)
          .map((b) => `${b.id || b.getAttribute('name') || b.outerHTML.slice(0, 80)}`),
      );
    for (const box of squeezed) found.push(`${name}: a checkbox narrower than 16 px: ${box}`);
  });
  expect(found, found.join('\n')).toEqual([]);
  const errors = people.flatMap((p) => p.errors);
  expect(errors, errors.join('\n')).toEqual([]);
}, 300_000); // Every page through one whole match: minutes on a busy 2-core machine.
