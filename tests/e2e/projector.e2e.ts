import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getScenario, RULES } from '@entanglement/shared';
import type { Browser, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, SCREENSHOTS, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');
const scenario = getScenario('tutorial-1950');
/** A LAN address the test server (bound to loopback) cannot have: the projector must show it. */
const LAN = '192.168.50.7';

useSuiteBrowser((launched) => {
  browser = launched;
});

const phaseOf = (page: Page) => page.getByTestId('phase').textContent();

test('the projector shows the LAN join link with its QR code, the phase, what to do, a large timer, Tension and the round’s headlines', async () => {
  const host = await Person.open(browser, 'host');
  const sam = await Person.open(browser, 'sam', { width: 390, height: 844 });
  host.page.on('dialog', (dialog) => void dialog.accept());
  await host.page.route('**/api/address', (route) => route.fulfill({ json: { addresses: [LAN] } }));
  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';
  // The host's own lobby shows the same address students can open, not localhost.
  await expect
    .poll(() => host.page.getByTestId('lobby-join-link').textContent())
    .toBe(`http://${LAN}:${new URL(base).port}/join/${code}`);

  // The teacher opened the game on localhost: the server tells this machine its LAN address
  // (GET /api/address; the test server listens on loopback only, so its answer is stood in for).
  const projector = await host.context.newPage();
  const errors: string[] = [];
  projector.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.route('**/api/address', (route) => route.fulfill({ json: { addresses: [LAN] } }));
  await projector.goto(`${host.page.url()}?projector`);
  const port = new URL(base).port;
  const link = `http://${LAN}:${port}/join/${code}`;
  const qr = projector.getByTestId('join-qr');
  await expect.poll(() => qr.getAttribute('data-link')).toBe(link);
  await expect
    .poll(() => projector.getByTestId('join-link').textContent())
    .toBe(`${LAN}:${port}/join/${code}`);
  // The QR code is drawn, square and large enough to scan from the back.
  await expect
    .poll(() =>
      qr.evaluate((img) => {
        const drawn = img as unknown as { complete: boolean; naturalWidth: number };
        return drawn.complete ? drawn.naturalWidth : 0;
      }),
    )
    .toBeGreaterThan(0);
  // A link students can open: no "this computer only" warning.
  expect(await projector.getByTestId('local-only').count()).toBe(0);
  const box = await qr.boundingBox();
  expect(box!.width).toBeGreaterThan(250);
  expect(Math.abs(box!.width - box!.height)).toBeLessThan(2);
  await projector.screenshot({ path: screenshotPath('projector-lobby.png') });

  // Sam takes China and does nothing all round: China's treaty call is honoured by default.
  await sam.page.goto(`${base}/join/${code}`);
  await sam.page.getByLabel('Your name').first().fill('Sam');
  await sam.page.getByRole('button', { name: 'Join', exact: true }).click();
  await sam.page
    .locator('[data-seat="china"]')
    .getByRole('button', { name: 'Take this seat' })
    .click();
  await sam.page.getByRole('button', { name: 'I am ready' }).click();
  await expect.poll(() => host.page.locator('.ready-mark.is-ready').count()).toBe(1);
  await host.page.getByTestId('start').click();

  await expect.poll(() => phaseOf(projector), { timeout: 30_000 }).toBe('Briefing');
  await expect
    .poll(() => projector.getByTestId('what-now').textContent())
    .toContain('Read the news');
  await expect.poll(() => projector.getByTestId('clock').textContent()).toMatch(/^\d+:\d\d$/);
  // Digits about a tenth of the screen's height: legible from the back row.
  const clockBox = await projector.getByTestId('clock').boundingBox();
  expect(clockBox!.height).toBeGreaterThanOrEqual(96);
  // Tension as the scenario starts it, out of the limit that ends the match, with what happens there.
  const tension = projector.locator('.projector__tension');
  await expect
    .poll(() => tension.getByTestId('tension').textContent())
    .toBe(`${scenario.tension} / ${RULES.maxTension}`);
  expect(await tension.textContent()).toContain(
    `At ${RULES.maxTension}, great-power war ends the match`,
  );
  // The join link stays on screen in play, for latecomers and reconnects.
  expect(
    await projector.locator('.projector__side [data-testid=join-qr]').getAttribute('data-link'),
  ).toBe(link);
  await projector.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await projector.screenshot({ path: screenshotPath('projector-briefing.png') });

  // The player sees Tension in the status bar and in My state.
  await expect
    .poll(() => sam.page.locator('.status-bar [data-testid=tension]').textContent())
    .toBe(`Tension ${scenario.tension}/${RULES.maxTension}`);
  expect(await sam.page.locator('.status-bar .tension').textContent()).toContain(
    `war at ${RULES.maxTension}`,
  );
  await sam.page.locator('[data-tab="me"]').click();
  await expect.poll(() => sam.page.locator('#pane-me').textContent()).toContain('World Tension');

  const endPhase = async (next: string) => {
    await host.page.locator('[data-tab="host"]').click();
    await host.page.getByRole('button', { name: 'End this phase now' }).click();
    await expect.poll(() => phaseOf(projector), { timeout: 30_000 }).toBe(next);
  };
  await endPhase('Negotiate & Commit');
  // Quick pace: the class is told everything happens in one phase, and what a silent seat gets.
  await expect
    .poll(() => projector.getByTestId('what-now').textContent())
    .toContain('Everything in one phase');
  expect(await projector.locator('.projector__if-nothing').textContent()).toContain(
    'treaty calls are honoured',
  );
  await endPhase('Resolution');
  const headlines = projector.getByTestId('headlines');
  await expect.poll(() => headlines.isVisible()).toBe(true);
  await expect.poll(() => headlines.textContent()).toContain('Headlines of round 1');
  // China was pulled into Korea by its treaty with the Soviet Union: the class reads it first.
  const first = headlines.locator('li').first();
  await expect.poll(() => first.getAttribute('data-kind')).toBe('entrapment');
  expect(await first.textContent()).toContain('dragged into');
  expect(await headlines.getByTestId('tension-change').textContent()).toMatch(
    /World Tension (rises|eases|stays)/,
  );
  await projector.screenshot({ path: screenshotPath('projector-resolution.png') });

  expect(errors, errors.join('\n')).toEqual([]);
  const all = [...host.errors, ...sam.errors];
  expect(all, all.join('\n')).toEqual([]);
});

/** Where a screenshot of the projector goes (looked at, never committed). */
function screenshotPath(file: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, file);
}
