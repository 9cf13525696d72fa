import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { useSuiteBrowser } from './browser.ts';
import { everyPage } from './every-page.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

/** Serious and critical axe-core violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`),
    );
}

test('axe-core finds no serious or critical violation on any page, and every button has a name', async () => {
  const found: string[] = [];
  const people = await everyPage(
    browser,
    base,
    { width: 1280, height: 800 },
    async (name, page) => {
      const lines = await seriousViolations(page);
      // Printed as found, so that one run lists every page's problems.
      for (const line of lines) console.error(`${name}: ${line}`);
      found.push(...lines.map((line) => `${name}: ${line}`));
      const unnamed = await page
        .locator('button:visible')
        .evaluateAll((buttons) =>
          buttons
            .filter(
              (b) =>
                !(b.textContent ?? '').trim() &&
                !b.getAttribute('aria-label') &&
                !b.getAttribute('aria-labelledby') &&
                !b.getAttribute('title'),
            )
            .map((b) => b.outerHTML.slice(0, 120)),
        );
      for (const html of unnamed) found.push(`${name}: a button without a name: ${html}`);
    },
  );
  expect(found, found.join('\n')).toEqual([]);
  const errors = people.flatMap((p) => p.errors);
  expect(errors, errors.join('\n')).toEqual([]);
}, 420_000); // About thirty pages, each read by axe-core: minutes on a busy 2-core machine.
