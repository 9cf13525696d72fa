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
  await page.waitForFunction(() => window.worldMap !== undefined, null, { timeout: 60_000 });
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
  // Zoom on Europe with the wheel.
  const europe = await pagePoint(page, [20, 50]);
  await page.mouse.move(europe.x, europe.y);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -240);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/desktop-zoom-europe.png` });
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

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
  ],
});
try {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(out, { recursive: true });
  await desktop(browser);
  await phone(browser);
} finally {
  await browser.close();
}
console.log(`Screenshots in ${out}`);
if (errors.length) {
  console.error(`Console errors:\n${errors.join('\n')}`);
  process.exit(1);
}
console.log('No console errors.');
