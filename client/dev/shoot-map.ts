/**
 * Screenshots of the map harness at a projector and a phone size, with a
 * hover and a tap tooltip, and every console error collected.
 *
 *   (cd client && npx vite --port 5180 --strictPort) &
 *   npx tsx client/dev/shoot-map.ts [base URL] [output dir]
 *
 * Exits with status 1 if the page logged an error. Screenshots are for
 * looking at, never for committing.
 */

import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/chromium.ts';

const base = process.argv[2] ?? 'http://localhost:5180';
const out = process.argv[3] ?? '/tmp/map-shots';

const errors: string[] = [];

function watch(page: Page, name: string): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${name}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
}

/** Where a [lon, lat] is on the page, from the map's own pointOf. */
async function pagePoint(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((at) => {
    const map = window.worldMap!;
    const box = map.element.getBoundingClientRect();
    const p = map.pointOf(at);
    return { x: box.left + p.x, y: box.top + p.y };
  }, lonLat);
}

async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`${base}/dev/map.html${query}`);
  try {
    await page.waitForFunction(() => window.worldMap !== undefined, null, { timeout: 60_000 });
  } catch (error) {
    throw new Error(`The harness did not start (${query}): ${errors.join('; ') || error}`);
  }
  // Let Phaser paint a few frames.
  await page.waitForTimeout(800);
}

async function desktop(browser: Browser): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watch(page, 'desktop');
  await open(page);
  await page.screenshot({ path: `${out}/desktop.png` });
  // Hover China (Beijing's west, inside the country): tooltip and highlighted ties.
  const china = await pagePoint(page, [100, 35]);
  await page.mouse.move(china.x, china.y);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/desktop-hover-china.png` });
  // A country of no actor.
  const congo = await pagePoint(page, [23, -3]);
  await page.mouse.move(congo.x, congo.y);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/desktop-hover-region.png` });
  // The crisis marker (at its region's anchor) and a capital.
  const crisis = await page.evaluate(() => {
    const map = window.worldMap!;
    return map.element.dataset.firstCrisis ?? null;
  });
  if (crisis) {
    const [lon, lat] = JSON.parse(crisis) as [number, number];
    const at = await pagePoint(page, [lon, lat]);
    await page.mouse.move(at.x, at.y);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/desktop-hover-crisis.png` });
  }
  // Keyboard: focus the map, zoom with +, pan with an arrow.
  const before = await pagePoint(page, [0, 0]);
  await page.focus('.wm-root');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  const after = await pagePoint(page, [0, 0]);
  if (before.x === after.x) errors.push('desktop: the keyboard did not move the map');
  await page.keyboard.press('0');
  // Frames per second while idle (the crisis pulse keeps Phaser drawing).
  // A string, not a function: tsx would wrap the named callback in a helper the page lacks.
  const fps = (await page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const tick = () => {
      frames++;
      if (performance.now() - start < 2000) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (performance.now() - start));
    };
    requestAnimationFrame(tick);
  })`)) as number;
  console.log(`desktop: ${fps.toFixed(0)} frames per second (software GL)`);
  // focus() from the API: centre on Brazil.
  await page.evaluate(() => window.worldMap!.focus('brazil'));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/desktop-focus-brazil.png` });
  await page.keyboard.press('0');
  // Zoom on Europe with the wheel.
  const europe = await pagePoint(page, [20, 50]);
  await page.mouse.move(europe.x, europe.y);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -240);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/desktop-zoom-europe.png` });
  // Drag with the mouse: the map follows.
  const dragFrom = await pagePoint(page, [20, 50]);
  await page.mouse.move(900, 500);
  await page.mouse.down();
  await page.mouse.move(1000, 560, { steps: 5 });
  await page.mouse.up();
  const dragTo = await pagePoint(page, [20, 50]);
  if (Math.round(dragTo.x - dragFrom.x) !== 100 || Math.round(dragTo.y - dragFrom.y) !== 60)
    errors.push(
      `desktop: a 100×60 drag moved the map by ${dragTo.x - dragFrom.x}×${dragTo.y - dragFrom.y}`,
    );
  // Resize to a small window: the map must re-fit.
  await page.setViewportSize({ width: 800, height: 500 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/desktop-resized.png` });
  await page.close();
}

async function phone(browser: Browser): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  watch(page, 'phone');
  await open(page);
  await page.screenshot({ path: `${out}/phone.png` });
  const india = await pagePoint(page, [78, 22]);
  await page.touchscreen.tap(india.x, india.y);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/phone-tap-india.png` });
  const selected = await page.evaluate(() => window.lastSelected);
  if (selected?.id !== 'india')
    errors.push(`phone: tapping India selected ${JSON.stringify(selected)}`);
  await page.click('button[aria-label="Show the whole world"]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/phone-world.png` });
  await context.close();
}

/** The projector: no seat, a 16:9 screen. */
async function projector(browser: Browser): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  watch(page, 'projector');
  await open(page, '?viewer=none&round=2&seed=projector');
  await page.screenshot({ path: `${out}/projector-round2.png` });
  // update() with a later state: new influence, ties and crises.
  if (await page.evaluate(() => window.showRound!(3))) {
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/projector-round3.png` });
  } else errors.push('projector: the bots never reached round 3');
  // destroy() leaves nothing behind.
  await page.evaluate(() => window.worldMap!.destroy());
  await page.waitForTimeout(300);
  const left = await page.evaluate(() => document.querySelectorAll('canvas, .wm-root').length);
  if (left) errors.push(`projector: ${left} canvas or map elements left after destroy()`);
  await page.close();
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(out, { recursive: true });
  await desktop(browser);
  await phone(browser);
  await projector(browser);
} finally {
  await browser.close();
}
console.log(`Screenshots in ${out}`);
if (errors.length) {
  console.error(`Console errors:\n${errors.join('\n')}`);
  process.exit(1);
}
console.log('No console errors.');
